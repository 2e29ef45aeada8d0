package com.sourceful.commissioner.zap;

import java.util.Optional;

/** A Zap call that did not give what we asked for, with enough detail for a specific message. */
public final class ZapException extends Exception {

    public enum Kind {
        /** No connection could be made (refused, no route, unknown host). */
        UNREACHABLE,
        /** Connected, but no complete answer in time. */
        TIMEOUT,
        /** The Zap answered with an error status; see {@link #status()}. */
        REJECTED,
        /** The answer was not the documented shape. */
        BAD_RESPONSE,
        /** An HTTP server answered, but it is not a Zap. */
        NOT_A_ZAP,
        /** The answer had begun, then the connection broke (reset or closed early); see the detail. */
        CONNECTION_LOST,
        /** The answer was larger than this client accepts; it was not read. */
        TOO_LARGE,
        /** The answer was not JSON but a web page or other content; {@link #serverMessage()} is its content type. */
        NOT_JSON
    }

    private final Kind kind;
    private final String operation;
    private final int status;
    private final String serverMessage;
    private final String field;
    private final String conflictingSerial;

    public ZapException(Kind kind, String operation, int status, String serverMessage, String field, Throwable cause) {
        this(kind, operation, status, serverMessage, field, null, cause);
    }

    /** @param conflictingSerial with a 409: the serial of the device already there, when the Zap named it */
    public ZapException(Kind kind, String operation, int status, String serverMessage, String field,
            String conflictingSerial, Throwable cause) {
        super(describe(kind, operation, status, serverMessage), cause);
        this.kind = kind;
        this.operation = operation;
        this.status = status;
        this.serverMessage = serverMessage;
        this.field = field;
        this.conflictingSerial = conflictingSerial;
    }

    public ZapException(Kind kind, String operation, String detail) {
        this(kind, operation, 0, detail, null, null);
    }

    private static String describe(Kind kind, String operation, int status, String serverMessage) {
        StringBuilder sb = new StringBuilder(operation).append(": ");
        switch (kind) {
            case UNREACHABLE -> sb.append("Zap not reachable");
            case TIMEOUT -> sb.append("no answer in time");
            case REJECTED -> sb.append("HTTP ").append(status);
            case BAD_RESPONSE -> sb.append("unexpected answer");
            case NOT_A_ZAP -> sb.append("not a Zap");
            case CONNECTION_LOST -> sb.append("connection broke mid-answer");
            case TOO_LARGE -> sb.append("answer too large");
            case NOT_JSON -> sb.append("answered with a web page or other content, not the Zap API");
        }
        if (serverMessage != null && !serverMessage.isBlank()) {
            sb.append(" (").append(serverMessage).append(')');
        }
        return sb.toString();
    }

    public Kind kind() {
        return kind;
    }

    public String operation() {
        return operation;
    }

    /** The HTTP status for {@link Kind#REJECTED}, else 0. */
    public int status() {
        return status;
    }

    /** The Zap's own words (its {@code error} or {@code message}), if it gave any. */
    public Optional<String> serverMessage() {
        return Optional.ofNullable(serverMessage).filter(s -> !s.isBlank());
    }

    /** The config field the Zap blamed, if it named one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** With a 409 (device exists, endpoint in use): the serial of the device already there, if the Zap named it. */
    public Optional<String> conflictingSerial() {
        return Optional.ofNullable(conflictingSerial).filter(s -> !s.isBlank());
    }
}
