package com.sourceful.commissioner.outbox;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.novacore.ProvisionResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every PENDING entry recorded for the Novacore the technician is signed in to now, one at a time, oldest
 * first; entries recorded for another environment wait (the token is never sent to an entry's own address). Safe
 * to repeat: Novacore answers 200 {@code created:false} for a request it already has. Each entry is marked SENDING
 * on disk before it leaves, so a crash mid-send leaves it to be sent again, never lost. The clients it gets from
 * the factory are its own and are closed when a run ends. Blocking: call it from a background thread.
 */
public final class OutboxSender {

    public record Report(int sent, int failed, int stillPending) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final Function<URI, NovacoreClient> clients;

    public OutboxSender(Outbox outbox, Function<URI, NovacoreClient> clients) {
        this.outbox = outbox;
        this.clients = clients;
    }

    /**
     * Sends what it can with this token to {@code signedIn}, the Novacore the token is for: only entries recorded
     * for that same environment (see {@link Outbox#sameBase}); the others wait untouched. 401 leaves entries PENDING
     * (a new token is needed); transient errors leave them PENDING; other rejections mark FAILED.
     */
    public Report sendPending(AccessToken token, URI signedIn) {
        synchronized (outbox.sendLock) {
            int sent = 0;
            int failed = 0;
            Map<String, NovacoreClient> open = new LinkedHashMap<>();
            Map<String, String> unreachable = new HashMap<>();
            try {
                List<Outbox.Entry> pending = outbox.entries().stream()
                        .filter(e -> e.state() == Outbox.State.PENDING)
                        .filter(e -> Outbox.sameBase(e.novacoreBase(), signedIn))
                        .sorted(Comparator.comparing(Outbox.Entry::created).thenComparing(Outbox.Entry::id))
                        .toList();
                for (Outbox.Entry e : pending) {
                    String down = unreachable.get(e.novacoreBase());
                    if (down != null) {
                        // Its Novacore just failed another entry: not tried now, but the reason is shown.
                        try {
                            outbox.release(e.id(), down);
                        } catch (IOException disk) {
                            LOG.warn("Could not record why outbox entry {} waits: {}", e.id(), disk.toString());
                        }
                        continue;
                    }
                    Outcome o = send(e, token, signedIn, open);
                    switch (o) {
                        case SENT -> sent++;
                        case FAILED -> failed++;
                        case UNREACHABLE -> unreachable.put(e.novacoreBase(),
                                outbox.entry(e.id()).flatMap(Outbox.Entry::lastError).orElse("Novacore not reachable"));
                        case STOP -> {
                            return report(sent, failed);
                        }
                        case PENDING -> { }
                    }
                }
                return report(sent, failed);
            } finally {
                open.values().forEach(NovacoreClient::close);
            }
        }
    }

    private enum Outcome { SENT, FAILED, PENDING, UNREACHABLE, STOP }

    private Outcome send(Outbox.Entry e, AccessToken token, URI signedIn, Map<String, NovacoreClient> open) {
        String id = e.id();
        NovacoreClient client;
        try {
            // The client is made for where the technician signed in, never from the address the file holds.
            client = open.computeIfAbsent(signedIn.toString(), b -> clients.apply(signedIn));
        } catch (RuntimeException bad) {
            // The base was checked when the request was queued; one that is refused now will not get better.
            return settle(id, Outcome.FAILED, "Novacore address refused: " + bad.getMessage());
        }
        try {
            outbox.markSending(id);
        } catch (IOException disk) {
            // Without SENDING on disk a crash could not be told apart; do not send (nothing is lost: it stays PENDING).
            outbox.forget(id);
            LOG.warn("Outbox entry {} not sent: could not write it: {}", id, disk.toString());
            return Outcome.STOP;
        }
        ProvisionResult result;
        try {
            result = client.provision(e.request(), token);
        } catch (NovacoreException n) {
            String reason = reason(n);
            if (n.kind() == NovacoreException.Kind.REJECTED && n.status() == 401) {
                try {
                    outbox.release(id, reason);
                } catch (IOException disk) {
                    outbox.forget(id);
                }
                return Outcome.STOP;
            }
            // INTERCEPTED: this network is wrong, not the request; it waits for another network.
            boolean intercepted = n.kind() == NovacoreException.Kind.INTERCEPTED;
            if (n.isTransient() || n.kind() == NovacoreException.Kind.BAD_RESPONSE || intercepted) {
                // BAD_RESPONSE: Novacore may have created the device; a resend is answered created:false.
                Outcome o = settle(id, Outcome.PENDING, reason);
                boolean down = n.kind() == NovacoreException.Kind.UNREACHABLE || n.kind() == NovacoreException.Kind.TIMEOUT
                        || intercepted || n.status() >= 500 || n.status() == 429;
                return o == Outcome.STOP ? o : down ? Outcome.UNREACHABLE : Outcome.PENDING;
            }
            return settle(id, Outcome.FAILED, reason);
        } catch (RuntimeException bug) {
            LOG.warn("Outbox entry {} not sent: {}", id, bug.toString());
            return settle(id, Outcome.PENDING, "not sent: " + bug.getClass().getSimpleName());
        }
        try {
            outbox.markSent(id, result);
            LOG.info("Outbox entry {} sent: {} ({})", id, result.deviceId(), result.created() ? "created" : "already there");
            return Outcome.SENT;
        } catch (IOException disk) {
            // Sent, but not recorded: it reads PENDING and a resend is answered created:false.
            outbox.forget(id);
            LOG.warn("Outbox entry {} sent but not recorded: {}", id, disk.toString());
            return Outcome.STOP;
        }
    }

    private Outcome settle(String id, Outcome outcome, String reason) {
        try {
            if (outcome == Outcome.FAILED) {
                outbox.markFailed(id, reason);
            } else {
                outbox.markAttempt(id, reason);
            }
            return outcome;
        } catch (IOException disk) {
            outbox.forget(id);
            LOG.warn("Could not record the outcome of outbox entry {}: {}", id, disk.toString());
            return Outcome.STOP;
        }
    }

    private Report report(int sent, int failed) {
        int pending = (int) outbox.entries().stream()
                .filter(e -> e.state() == Outbox.State.PENDING || e.state() == Outbox.State.SENDING).count();
        return new Report(sent, failed, pending);
    }

    /** Status and Novacore's error code (and the field it blamed); never the token, never a long server text. */
    static String reason(NovacoreException n) {
        return switch (n.kind()) {
            case UNREACHABLE -> "Novacore not reachable";
            case INTERCEPTED -> "connection to Novacore intercepted (certificate not trusted)";
            case TIMEOUT -> "Novacore did not answer in time";
            case BAD_RESPONSE -> "unexpected answer from Novacore";
            case REJECTED -> "HTTP " + n.status() + n.errorCode().map(c -> " " + c).orElse("")
                    + n.field().map(f -> " (" + f + ")").orElse("");
        };
    }
}
