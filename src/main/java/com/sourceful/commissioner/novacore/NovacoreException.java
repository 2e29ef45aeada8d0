package com.sourceful.commissioner.novacore;

import java.time.Duration;
import java.util.Optional;

/** A Novacore call that failed, with Novacore's own error code and the field it blamed, when it gave them. */
public final class NovacoreException extends Exception {

    public enum Kind {
        /** No connection (offline, DNS, refused, TLS handshake failed). */
        UNREACHABLE,
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

    public NovacoreException(Kind kind, int status, String errorCode, String serverMessage, String field,
                             Duration retryAfter, Throwable cause) {
        super(describe(kind, status, errorCode, serverMessage), cause);
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    private static String describe(Kind kind, int status, String code, String message) {
        String base = switch (kind) {
            case UNREACHABLE -> "Novacore not reachable";
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

    /** From a 429's {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Worth keeping the request to send later: the network or the server failed, not the request. */
    public boolean isTransient() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT || (kind == Kind.REJECTED && (status >= 500 || status == 429));
    }
}
