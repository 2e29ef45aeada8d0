package com.sourceful.commissioner.ui.common;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import com.sourceful.commissioner.discovery.LocalNetworkAccess;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.FindAdvice;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.zap.ZapException;

/** Turns failures into sentences a technician can act on. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String of(Throwable error) {
        return of(error, Os.current());
    }

    /** The same on the given OS: its rules change what some failures mean (macOS Local Network privacy). */
    public static String of(Throwable error, Os os) {
        if (error instanceof ZapException z) {
            return zap(z, os);
        }
        if (error instanceof NovacoreException n) {
            return novacore(n);
        }
        if (error instanceof CancellationException) {
            return Messages.get("error.cancelled");
        }
        return Messages.get("error.unexpected", error.getClass().getSimpleName());
    }

    public static String zap(ZapException e) {
        return zap(e, Os.current());
    }

    /** On macOS, "No route to host" is Local Network privacy blocking the app; elsewhere the Zap is not reachable. */
    public static String zap(ZapException e, Os os) {
        return switch (e.kind()) {
            case UNREACHABLE -> LocalNetworkAccess.blockedByMacosPrivacy(e, os)
                    ? Messages.get("error.zap.macosLocalNetwork") : Messages.get("error.zap.unreachable");
            case TIMEOUT -> Messages.get("error.zap.timeout");
            case NOT_A_ZAP -> Messages.get("error.zap.notAZap");
            case BAD_RESPONSE -> withDetail("error.zap.badResponse", e);
            case REJECTED -> e.status() == 503 && e.serverMessage().filter(m -> m.startsWith("low memory")).isPresent()
                    ? Messages.get("error.zap.lowMemory", e.operation())
                    : Messages.get("error.zap.rejected", e.operation(), e.status(), e.serverMessage().orElse(""));
            case CONNECTION_LOST -> withDetail("error.zap.connectionLost", e);
            case TOO_LARGE -> withDetail("error.zap.tooLarge", e);
            case NOT_JSON -> withDetail("error.zap.notJson", e);
        };
    }

    /** {@code key} with the operation and the detail in brackets, or {@code key.plain} when there is no detail. */
    private static String withDetail(String key, ZapException e) {
        return e.serverMessage().map(detail -> Messages.get(key, e.operation(), detail))
                .orElseGet(() -> Messages.get(key + ".plain", e.operation()));
    }

    public static String novacore(NovacoreException e) {
        return switch (e.kind()) {
            case UNREACHABLE -> Messages.get("error.novacore.unreachable");
            case INTERCEPTED -> Messages.get("error.novacore.intercepted");
            case TIMEOUT -> Messages.get("error.novacore.timeout");
            case BAD_RESPONSE -> Messages.get("error.novacore.badResponse", e.serverMessage().orElse(""));
            case REJECTED -> switch (e.status()) {
                case 401 -> Messages.get("error.novacore.401");
                case 403 -> Messages.get("error.novacore.403");
                case 404 -> Messages.get("error.novacore.404", e.serverMessage().orElse(""));
                case 409 -> e.errorCode().filter("gateway_not_claimed"::equals).isPresent()
                    ? Messages.get("error.novacore.gatewayNotClaimed")
                    : Messages.get("error.novacore.409", e.serverMessage().orElse(""));
                case 400, 422 -> Messages.get("error.novacore.invalid", e.field().orElse("?"), e.serverMessage().orElse(""));
                case 429 -> Messages.get("error.novacore.429",
                        e.retryAfter().map(d -> String.valueOf(d.toSeconds())).orElse("?"));
                default -> Messages.get("error.novacore.server", e.status());
            };
        };
    }

    /** What Find says about this computer's own rules keeping mDNS answers out; empty for {@link FindAdvice#NONE}. */
    public static String localNetwork(FindAdvice advice) {
        return switch (advice) {
            case NONE -> "";
            case MACOS_LOCAL_NETWORK -> Messages.get("find.advice.macosLocalNetwork");
            case WINDOWS_FIREWALL -> Messages.get("find.advice.windowsFirewall");
            case WINDOWS_PUBLIC_NETWORK -> Messages.get("find.advice.windowsPublicNetwork");
            case HOST_FIREWALL -> Messages.get("find.advice.hostFirewall");
        };
    }

    /** Why a file could not be written, in words; the path is already in the message. */
    public static String fileNotWritten(Throwable e) {
        if (e instanceof AtomicFiles.FileInUseException) {
            return Messages.get("report.error.inUse");
        }
        if (e instanceof AccessDeniedException) {
            return Messages.get("report.error.denied");
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return Messages.get("report.error.noFolder");
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.toLowerCase(Locale.ROOT).contains("no space")) {
            return Messages.get("report.error.full");
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return Messages.get("report.error.other", fs.getReason());
        }
        return Messages.get("report.error.other", message.isEmpty() ? e.getClass().getSimpleName() : message);
    }
}
