package com.sourceful.commissioner.provisioning;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;

import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.outbox.Outbox;

/**
 * What becomes of a provisioning request the technician sends: Novacore takes it; or asks to wait a little
 * ({@code 429} with a short {@code Retry-After}: the caller waits and sends the same request again); or cannot be
 * reached now (the request goes to the outbox, to be sent later, and the commissioning goes on); or refuses it (the
 * technician corrects the form). Blocking: call it from a background thread.
 */
public final class Provisioner {

    /** Longer waits than this go to the outbox instead of holding the technician. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);

    /** One provisioning call, e.g. {@code request -> client.provision(request, token)}. */
    @FunctionalInterface
    public interface Novacore {
        ProvisionResult provision(ProvisionRequest request) throws NovacoreException;
    }

    /** How a request ended. */
    public sealed interface Outcome {
    }

    /** Novacore has the device (created now, or already bound: {@code created} false). */
    public record Provisioned(ProvisionResult result) implements Outcome {
    }

    /** Novacore asked to wait {@code retryAfter} (at most {@link #MAX_RETRY_WAIT}); then send the request again. */
    public record RateLimited(Duration retryAfter) implements Outcome {
    }

    /** Novacore could not take it now ({@code why}); it waits in the outbox as {@code outboxId}. */
    public record Queued(String outboxId, NovacoreException why) implements Outcome {
    }

    /** Novacore could not take it now ({@code why}), and the outbox could not keep it ({@code cause}). */
    public record NotQueued(NovacoreException why, IOException cause) implements Outcome {
    }

    /** Novacore refused the request, or the connection was intercepted: sending it again would not help. */
    public record Refused(NovacoreException cause) implements Outcome {
    }

    private final Outbox outbox;

    public Provisioner(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Sends {@code request} to the Novacore at {@code base} through {@code novacore}. A failure other than
     * Novacore's (a bug) is thrown as it is; so is a {@link CancellationException} when the calling thread was
     * interrupted (cancelled) before a request would be queued: what the technician cancelled is not kept.
     */
    public Outcome provision(ProvisionRequest request, URI base, Novacore novacore) {
        NovacoreException failure;
        try {
            return new Provisioned(novacore.provision(request));
        } catch (NovacoreException e) {
            failure = e;
        }
        if (failure.status() == 429 && failure.retryAfter().filter(w -> w.compareTo(MAX_RETRY_WAIT) <= 0).isPresent()) {
            return new RateLimited(failure.retryAfter().orElseThrow());
        }
        if (!failure.isTransient()) {
            // An intercepted connection too: from the outbox it would fail the same way for ever.
            return new Refused(failure);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled before the request was queued");
        }
        try {
            return new Queued(outbox.add(request, base).id(), failure);
        } catch (IOException e) {
            return new NotQueued(failure, e);
        }
    }
}
