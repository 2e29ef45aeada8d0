package com.sourceful.commissioner.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one place that speaks HTTP, for the Zap and for Novacore. Every call has a connect timeout, a
 * response timeout and a cap on the body size, so a misbehaving peer can never hang or flood the app.
 * No retries here: whether a retry is safe is the caller's decision.
 */
public final class HttpTransport implements Closeable {

    /** What came back; the body is decoded as UTF-8 (both APIs speak JSON). */
    public record Response(int status, String body, Optional<String> contentType, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }
    }

    /** The body was larger than allowed; the rest was not read. */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;
        private final long announced;

        public BodyTooLargeException(long limit) {
            this(limit, -1);
        }

        /** {@code announced}: the Content-Length the peer gave, or -1 when it was found out by reading. */
        public BodyTooLargeException(long limit, long announced) {
            super(announced >= 0 ? "response body of " + announced + " bytes, more than the " + limit + " allowed"
                    : "response body larger than " + limit + " bytes");
            this.limit = limit;
            this.announced = announced;
        }

        public long limit() {
            return limit;
        }

        /** The size the peer announced, if it did. */
        public OptionalLong announced() {
            return announced >= 0 ? OptionalLong.of(announced) : OptionalLong.empty();
        }
    }

    /**
     * The answer had begun (status and headers arrived) but the connection broke before its body was complete:
     * reset by the peer, or closed early. Distinct from "no connection" and from a timeout.
     */
    public static final class AnswerCutShortException extends IOException {
        private final long received;
        private final long expected;
        private final boolean reset;

        public AnswerCutShortException(long received, long expected, boolean reset, IOException cause) {
            super((reset ? "connection reset after " : "connection closed after ") + received
                    + (expected >= 0 ? " of " + expected : "") + " bytes of the answer", cause);
            this.received = received;
            this.expected = expected;
            this.reset = reset;
        }

        /** Body bytes that arrived before the break. */
        public long received() {
            return received;
        }

        /** The announced Content-Length, or -1. */
        public long expected() {
            return expected;
        }

        /** True for a TCP reset, false for a close (FIN) before the announced end. */
        public boolean reset() {
            return reset;
        }
    }

    /** Cancels exchanges that outlive their whole-call deadline. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-deadline");
        t.setDaemon(true);
        return t;
    });

    private final CloseableHttpClient client;
    private final int maxBodyBytes;
    private final RequestConfig defaults;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public HttpTransport(Duration connectTimeout, Duration responseTimeout, int maxBodyBytes) {
        this(connectTimeout, responseTimeout, maxBodyBytes, null);
    }

    /**
     * {@code trustAnchors}: the certificates to trust instead of the platform's (for tests), or null. Either way a
     * certificate that does not verify fails the call with an {@link UntrustedCertificateException} among its causes.
     */
    public HttpTransport(Duration connectTimeout, Duration responseTimeout, int maxBodyBytes, KeyStore trustAnchors) {
        this.maxBodyBytes = maxBodyBytes;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .build())
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(RecordingTrustManager.sslContext(trustAnchors))
                        .buildClassic())
                .setMaxConnTotal(16)
                .setMaxConnPerRoute(4)
                .build();
        this.defaults = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(defaults)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent("ZapCommissioner")
                .build();
    }

    public Response get(URI uri, Map<String, String> headers) throws IOException {
        return execute(new HttpGet(uri), headers, responseTimeout);
    }

    /** A GET whose answer may take longer than usual (a Zap reading a device's registers for it). */
    public Response get(URI uri, Map<String, String> headers, Duration responseTimeout) throws IOException {
        HttpGet get = new HttpGet(uri);
        get.setConfig(RequestConfig.copy(defaults).setResponseTimeout(Timeout.of(responseTimeout)).build());
        return execute(get, headers, responseTimeout);
    }

    public Response delete(URI uri, Map<String, String> headers) throws IOException {
        return execute(new HttpDelete(uri), headers, responseTimeout);
    }

    public Response postJson(URI uri, String json, Map<String, String> headers) throws IOException {
        return postJson(uri, json, headers, null);
    }

    /** A POST whose answer may take longer than usual (the Zap connects to the hardware before answering). */
    public Response postJson(URI uri, String json, Map<String, String> headers, Duration responseTimeout)
            throws IOException {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        if (responseTimeout != null) {
            post.setConfig(RequestConfig.copy(defaults).setResponseTimeout(Timeout.of(responseTimeout)).build());
        }
        return execute(post, headers, responseTimeout != null ? responseTimeout : this.responseTimeout);
    }

    /**
     * The response timeout of the underlying client bounds each read, not the whole answer: a peer that trickles
     * a byte now and then would hold the call for ever. So the whole exchange also has a deadline (connect timeout
     * plus response timeout), after which it is cancelled and reported as a {@link SocketTimeoutException}.
     */
    private Response execute(HttpUriRequestBase request, Map<String, String> headers, Duration responseTimeout)
            throws IOException {
        Duration total = connectTimeout.plus(responseTimeout);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, total.toMillis(), TimeUnit.MILLISECONDS);
        try {
            try {
                return exchange(request, headers);
            } catch (CancellationException e) {
                // The deadline fired while the request still waited for a pooled connection (seen on a loaded machine,
                // from discovery's re-checks): the pool says so unchecked, and the callers' catch blocks missed it.
                throw (IOException) new InterruptedIOException("request cancelled before it was sent").initCause(e);
            }
        } catch (IOException e) {
            if (expired.get()) {
                SocketTimeoutException timeout = new SocketTimeoutException(
                        "no complete answer within " + total.toMillis() + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private Response exchange(HttpUriRequestBase request, Map<String, String> headers) throws IOException {
        request.setHeader("Accept", "application/json");
        headers.forEach(request::setHeader);
        return client.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            String body = entity == null ? "" : readCapped(entity, request);
            var headerMap = new LinkedHashMap<String, String>();
            for (Header h : response.getHeaders()) {
                headerMap.putIfAbsent(h.getName(), h.getValue());
            }
            Optional<String> type = Optional.ofNullable(entity).map(HttpEntity::getContentType);
            return new Response(response.getCode(), body, type, Map.copyOf(headerMap));
        });
    }

    /**
     * Reads at most {@code maxBodyBytes}; a larger announced Content-Length is refused before reading. Past the cap
     * the exchange is cancelled first: closing the stream normally would drain the rest of the body to reuse the
     * connection, which never ends for a peer that streams forever. A connection that breaks mid-body is an
     * {@link AnswerCutShortException}; a read timeout stays a timeout.
     */
    private String readCapped(HttpEntity entity, HttpUriRequestBase request) throws IOException {
        long announced = entity.getContentLength();
        if (announced > maxBodyBytes) {
            request.cancel();
            throw new BodyTooLargeException(maxBodyBytes, announced);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return "";
        }
        var out = new ByteArrayOutputStream();
        try (in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > maxBodyBytes) {
                    request.cancel();
                    throw new BodyTooLargeException(maxBodyBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (BodyTooLargeException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new AnswerCutShortException(out.size(), announced, isReset(e), e);
        }
    }

    private static boolean isReset(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
