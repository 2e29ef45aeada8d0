package com.sourceful.commissioner.outbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;

/**
 * The process {@link OutboxKillTest} kills mid-send: sends the outbox in {@code args[0]} with the token from the
 * environment variable {@code OUTBOX_TOKEN} (never an argument, never printed).
 */
public final class OutboxChild {

    private OutboxChild() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        Outbox outbox = new Outbox(Path.of(args[0]), clock);
        AccessToken token = AccessToken.parse(System.getenv("OUTBOX_TOKEN"));
        for (Outbox.Entry e : outbox.entries()) {
            if (e.state() == Outbox.State.PENDING) {
                System.out.println("sending " + e.id());
            }
        }
        System.out.flush();
        // Signed in to the environment the request was queued for (the test queues one, for its proxy).
        URI signedIn = outbox.entries().stream().map(e -> URI.create(e.novacoreBase())).findFirst().orElseThrow();
        OutboxSender.Report report = new OutboxSender(outbox, uri -> new NovacoreClient(uri, clock))
                .sendPending(token, signedIn);
        System.out.println("done " + report);
        System.out.flush();
    }
}
