package com.sourceful.commissioner.visit;

/**
 * A visit file that is not one this app can use: not JSON, from a newer app, or a field missing, of the wrong type or
 * out of bounds. The message names the field's path ({@code "session.visits[2].device.sn: missing"}) and never
 * quotes the file's content.
 */
public final class VisitFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public VisitFileException(String message) {
        super(message);
    }

    public VisitFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
