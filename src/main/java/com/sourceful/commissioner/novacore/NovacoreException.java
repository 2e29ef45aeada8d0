package com.sourceful.commissioner.novacore;

import java.time.Duration;
import java.util.Optional;

import com.sourceful.commissioner.http.PresentedCertificate;

/** A Novacore call that failed, with Novacore's own error code and the field it blamed, when it gave them. */
public final class NovacoreException extends Exception {

    public enum Kind {
        /** No connection (offline, DNS, refused, TLS handshake failed for another reason than the certificate). */
        UNREACHABLE,
        /**
         * The server's certificate did not verify: a captive portal or an intercepting proxy answers in Novacore's
         * place (see {@link #certificate()}). Not transient: from this network it fails the same way every time, and
         * nothing, the token least of all, is sent over that connection.
         */
        INTERCEPTED,
        /** No answer in time. */
        TIMEOUT,
        /** Novacore answered with an error status; see {@link #status()}. */
        REJECTED,
        /** An answer that is not the documented shape. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final String serverMessage;
    private final String field;
    private final Duration retryAfter;
    private final transient PresentedCertificate certificate;

    public NovacoreException(Kind kind, int status, String errorCode, String serverMessage, String field,
                             Duration retryAfter, Throwable cause) {
        this(kind, status, errorCode, serverMessage, field, retryAfter, null, cause);
    }

    private NovacoreException(Kind kind, int status, String errorCode, String serverMessage, String field,
                              Duration retryAfter, PresentedCertificate certificate, Throwable cause) {
        super(describe(kind, status, errorCode, serverMessage), cause);
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.field = field;
        this.retryAfter = retryAfter;
        this.certificate = certificate;
    }

    /** The connection was refused because {@code presented}, the certificate the server showed, did not verify. */
    public static NovacoreException intercepted(PresentedCertificate presented, Throwable cause) {
        return new NovacoreException(Kind.INTERCEPTED, 0, null, null, null, null, presented, cause);
    }

    private static String describe(Kind kind, int status, String code, String message) {
        String base = switch (kind) {
            case UNREACHABLE -> "Novacore not reachable";
            case INTERCEPTED -> "connection to Novacore intercepted: its certificate is not trusted";
            case TIMEOUT -> "Novacore did not answer in time";
            case REJECTED -> "Novacore answered HTTP " + status + (code == null ? "" : " " + code);
            case BAD_RESPONSE -> "unexpected answer from Novacore";
        };
        return message == null || message.isBlank() ? base : base + ": " + message;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> serverMessage() {
        return Optional.ofNullable(serverMessage).filter(s -> !s.isBlank());
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** For {@link Kind#INTERCEPTED}: the certificate presented in Novacore's place. */
    public Optional<PresentedCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** From a 429's {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Worth keeping the request to send later: the network or the server failed, not the request. An intercepted
     * connection is not: it would fail the same way for ever.
     */
    public boolean isTransient() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT || (kind == Kind.REJECTED && (status >= 500 || status == 429));
    }
}
