package com.sourceful.commissioner.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An HTTPS server on 127.0.0.1 presenting a certificate from a test key store (made with keytool, valid to 2051):
 * {@link #SELF_SIGNED} is for CN=127.0.0.1 and signed by itself, as a captive portal's or an intercepting proxy's
 * would be to a client that does not know its issuer; {@link #OTHER_HOST} is for novacore.example. Answers every
 * request {@code 200 {}} and counts the requests that got through TLS.
 */
public final class TlsStub implements AutoCloseable {

    public static final String SELF_SIGNED = "self-signed-127.0.0.1.p12";
    public static final String OTHER_HOST = "other-host.p12";
    public static final String SELF_SIGNED_SUBJECT = "CN=127.0.0.1,O=Zap Commissioner test";
    public static final String OTHER_HOST_SUBJECT = "CN=novacore.example,O=Zap Commissioner test";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-https");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    private TlsStub(String keyStore) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(keyStore), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            try (ex) {
                requests.incrementAndGet();
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    public static TlsStub start(String keyStore) throws IOException, GeneralSecurityException {
        return new TlsStub(keyStore);
    }

    /** The test key store {@code name} (its certificate also serves as a trust anchor). */
    public static KeyStore keyStore(String name) {
        try (InputStream in = TlsStub.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test key store " + name);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Requests that got past the handshake and reached the handler. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
