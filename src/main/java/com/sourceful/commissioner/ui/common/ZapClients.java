package com.sourceful.commissioner.ui.common;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.sourceful.commissioner.zap.ZapClient;

/** One client per Zap for the whole app, so "one request at a time" holds across steps. */
public final class ZapClients implements AutoCloseable {

    private final Map<URI, ZapClient> clients = new ConcurrentHashMap<>();
    private final Function<URI, ZapClient> factory;

    public ZapClients() {
        this(ZapClient::new);
    }

    /** With another way to make clients (tests of slow or broken Zaps use short timeouts). */
    public ZapClients(Function<URI, ZapClient> factory) {
        this.factory = factory;
    }

    public ZapClient forZap(URI baseUri) {
        return clients.computeIfAbsent(baseUri, factory);
    }

    @Override
    public void close() {
        clients.values().forEach(ZapClient::close);
        clients.clear();
    }
}
