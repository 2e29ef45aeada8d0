package com.sourceful.commissioner.outbox;

import java.net.URI;
import java.util.function.Function;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;

/** TEMPORARY stand-in of the issue 6 contract; replaced by the outbox branch on merge. */
public final class OutboxSender {
    public record Report(int sent, int failed, int stillPending) {
    }

    public OutboxSender(Outbox outbox, Function<URI, NovacoreClient> clients) {
    }

    public Report sendPending(AccessToken token) {
        return new Report(0, 0, 0);
    }
}
