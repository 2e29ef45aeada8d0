package com.sourceful.commissioner.novacore;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import com.sourceful.commissioner.http.Addresses;

/** Where Novacore is: production, test, or a custom base URL (a loopback stand-in in demos and tests). */
public enum NovacoreEnvironment {
    PRODUCTION("https://novacore-mainnet.sourceful.dev"),
    TEST("https://novacore-testnet.sourceful.dev"),
    CUSTOM("");

    private final String url;

    NovacoreEnvironment(String url) {
        this.url = url;
    }

    public URI baseUri() {
        if (this == CUSTOM) {
            throw new IllegalStateException("a custom environment has no fixed URL");
        }
        return URI.create(url);
    }

    /**
     * Accepts {@code https://} anywhere and {@code http://} only for a loopback host, since a token must never
     * cross a network in clear text; the host and port must be valid (see {@link Addresses#checkAuthority}).
     */
    public static URI checkBaseUri(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL has no host");
        }
        // No user@ (\"http://127.0.0.1@elsewhere\" is not where it seems), a real host, a port 1-65535.
        Addresses.checkAuthority(uri);
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return uri;
        }
        throw new IllegalArgumentException("only https:// is allowed, except for a loopback address");
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would be a DNS lookup on the caller's thread.
        if (!host.matches("(\\d{1,3}\\.){3}\\d{1,3}") && !host.startsWith("[")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
