package com.sourceful.commissioner.ui;

import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.zap.ZapException;

/** Turns failures into sentences a technician can act on. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String of(Throwable error) {
        if (error instanceof ZapException z) {
            return zap(z);
        }
        if (error instanceof NovacoreException n) {
            return novacore(n);
        }
        if (error instanceof java.util.concurrent.CancellationException) {
            return Messages.get("error.cancelled");
        }
        return Messages.get("error.unexpected", error.getClass().getSimpleName());
    }

    public static String zap(ZapException e) {
        String specific = faultOf(e);
        if (specific != null) {
            return specific;
        }
        return switch (e.kind()) {
            case UNREACHABLE -> Messages.get("error.zap.unreachable");
            case TIMEOUT -> Messages.get("error.zap.timeout");
            case NOT_A_ZAP -> Messages.get("error.zap.notAZap");
            case BAD_RESPONSE -> Messages.get("error.zap.badResponse", e.operation(), e.serverMessage().orElse(""));
            case REJECTED -> Messages.get("error.zap.rejected", e.operation(), e.status(), e.serverMessage().orElse(""));
        };
    }

    public static String novacore(NovacoreException e) {
        return switch (e.kind()) {
            case UNREACHABLE -> Messages.get("error.novacore.unreachable");
            case TIMEOUT -> Messages.get("error.novacore.timeout");
            case BAD_RESPONSE -> Messages.get("error.novacore.badResponse", e.serverMessage().orElse(""));
            case REJECTED -> switch (e.status()) {
                case 401 -> Messages.get("error.novacore.401");
                case 403 -> Messages.get("error.novacore.403");
                case 404 -> Messages.get("error.novacore.404", e.serverMessage().orElse(""));
                case 409 -> Messages.get("error.novacore.409", e.serverMessage().orElse(""));
                case 400, 422 -> Messages.get("error.novacore.invalid", e.field().orElse("?"), e.serverMessage().orElse(""));
                case 429 -> Messages.get("error.novacore.429",
                        e.retryAfter().map(d -> String.valueOf(d.toSeconds())).orElse("?"));
                default -> Messages.get("error.novacore.server", e.status());
            };
        };
    }

    // ---- how an answer went wrong (fault matrix, issue 7) ----------------------------------------------------

    /**
     * The specific sentence for an answer that broke in a way the technician can tell apart: cut off, reset
     * mid-answer, far too large, not JSON, no content, a Zap low on memory, a server error. Null for the rest.
     */
    private static String faultOf(ZapException e) {
        String op = e.operation();
        Throwable cause = e.getCause();
        return switch (e.kind()) {
            case UNREACHABLE -> {
                if (cause == null || cause instanceof java.net.ConnectException
                        || cause instanceof java.net.NoRouteToHostException
                        || cause instanceof java.net.UnknownHostException
                        || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                    yield null; // never connected: the Zap is not there
                }
                // Connected, then the connection ended before the whole answer was in.
                yield cause instanceof org.apache.hc.core5.http.ConnectionClosedException
                        ? Messages.get("error.zap.cutOff", op) : Messages.get("error.zap.connectionBroke", op);
            }
            case BAD_RESPONSE -> {
                if (cause instanceof com.sourceful.commissioner.http.HttpTransport.BodyTooLargeException) {
                    yield Messages.get("error.zap.tooLarge", op);
                }
                yield "not valid JSON".equals(e.serverMessage().orElse("")) ? Messages.get("error.zap.notJson", op) : null;
            }
            case REJECTED -> {
                String words = e.serverMessage().orElse("");
                if (e.status() == 204) {
                    yield Messages.get("error.zap.noContent", op);
                }
                if (e.status() == 503 && words.toLowerCase(java.util.Locale.ROOT).contains("low memory")) {
                    yield Messages.get("error.zap.lowMemory", op);
                }
                yield e.status() >= 500 ? Messages.get("error.zap.serverError", op, e.status(), words) : null;
            }
            case NOT_A_ZAP -> cause instanceof ZapException z && z.kind() != ZapException.Kind.NOT_A_ZAP
                    ? faultOf(z) : null;
            default -> null;
        };
    }
}
