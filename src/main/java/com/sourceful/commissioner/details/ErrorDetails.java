package com.sourceful.commissioner.details;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sourceful.commissioner.http.PresentedCertificate;
import com.sourceful.commissioner.http.UntrustedCertificateException;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.report.AppVersion;
import com.sourceful.commissioner.report.Redaction;
import com.sourceful.commissioner.zap.ZapException;

/**
 * The plain-text report behind "Copy details": what was being done, the message shown, the technical cause, where,
 * and on what. Written for a support ticket, so it is redacted: no token, password, key or Authorization value, and
 * no URL user-info or secret query parameters, wherever they hide (messages, causes, addresses). No JavaFX here: the
 * view only puts the text on the clipboard.
 */
public final class ErrorDetails {

    /** Put where a secret was. */
    public static final String REDACTED = Redaction.MARK;

    /** Query parameter and key names whose values are secrets. */
    private static final String SECRET_NAMES = "access_token|id_token|refresh_token|token|api_key|apikey|api-key|key"
            + "|client_secret|secret|password|passwd|pwd|pass|auth|signature|sig|code|session|private_key";

    private static final Pattern USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@?#]*@");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "([?&;#])(" + SECRET_NAMES + ")=([^&;#\\s\"'<>]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "((?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)[^\\r\\n\",};)]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(\"?\\b(?:" + SECRET_NAMES + ")\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,;&}\"]+)", Pattern.CASE_INSENSITIVE);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '['VV']'");
    private static final int MAX_CAUSES = 6;

    private ErrorDetails() {
    }

    /**
     * What went wrong, as the view knows it.
     *
     * @param activity   what was being done, in the technician's language (e.g. "Adding a device to the Zap")
     * @param message    the message the step shows
     * @param cause      the failure behind it, or null when there is none (a check that said no)
     * @param zapAddress the chosen Zap's address, or null before one is chosen
     * @param endpoint   the service the step talked to when the cause does not say (e.g. Novacore's URL), or null
     * @param time       when the report is made
     * @param zone       the technician's time zone
     * @param secrets    what the technician typed that must never appear (tokens, passwords); blanks are ignored
     */
    public record Context(String activity, String message, Throwable cause, String zapAddress, String endpoint,
                          Instant time, ZoneId zone, Collection<String> secrets) {
        public Context {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
            secrets = secrets == null ? List.of() : List.copyOf(secrets.stream().filter(Objects::nonNull).toList());
        }
    }

    /**
     * The report, one "Name: value" line per field. {@code label} gives each field's name in the app's language,
     * from the keys {@code title, time, activity, message, cause, status, certificateSubject, certificateIssuer,
     * endpoint, zap, version, java, os, none, devBuild} (the certificate's only when one did not verify).
     */
    public static String report(Context c, UnaryOperator<String> label) {
        List<String> lines = new ArrayList<>();
        lines.add(label.apply("title"));
        line(lines, label, "time", TIME.format(c.time().atZone(c.zone())));
        line(lines, label, "activity", c.activity());
        line(lines, label, "message", c.message());
        List<String> causes = causes(c.cause());
        if (causes.isEmpty()) {
            line(lines, label, "cause", label.apply("none"));
        } else {
            line(lines, label, "cause", causes.get(0));
            causes.stream().skip(1).forEach(more -> lines.add("    " + more));
        }
        status(c.cause()).ifPresent(s -> line(lines, label, "status", String.valueOf(s)));
        untrustedCertificate(c.cause()).ifPresent(presented -> {
            line(lines, label, "certificateSubject", presented.subject());
            line(lines, label, "certificateIssuer", presented.issuer());
        });
        Optional<String> endpoint = operation(c.cause()).or(() -> Optional.ofNullable(c.endpoint()));
        endpoint.ifPresent(e -> line(lines, label, "endpoint", e));
        line(lines, label, "zap", c.zapAddress() == null ? label.apply("none") : c.zapAddress());
        line(lines, label, "version",
                AppVersion.get() + (AppVersion.fromPackagedJar() ? "" : ", " + label.apply("devBuild")));
        line(lines, label, "java", System.getProperty("java.version", "?") + " ("
                + System.getProperty("java.vendor", "?") + ")");
        line(lines, label, "os", System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "")
                + " " + System.getProperty("os.arch", ""));
        return redact(String.join("\n", lines) + "\n", c.secrets());
    }

    private static void line(List<String> lines, UnaryOperator<String> label, String key, String value) {
        lines.add(label.apply(key) + ": " + (value == null || value.isBlank() ? "–" : value.strip()));
    }

    /** Each cause in the chain: class, kind, status, server message, message. */
    static List<String> causes(Throwable error) {
        List<String> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && out.size() < MAX_CAUSES && seen.put(t, true) == null; t = t.getCause()) {
            StringBuilder sb = new StringBuilder(t.getClass().getName());
            if (t instanceof ZapException z) {
                sb.append(" [").append(z.kind()).append(']');
            } else if (t instanceof NovacoreException n) {
                sb.append(" [").append(n.kind());
                n.errorCode().ifPresent(code -> sb.append(", ").append(code));
                n.field().ifPresent(field -> sb.append(", field ").append(field));
                sb.append(']');
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                sb.append(": ").append(t.getMessage().strip());
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static Optional<Integer> status(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int s = t instanceof ZapException z ? z.status() : t instanceof NovacoreException n ? n.status() : 0;
            if (s > 0) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The certificate a server presented that did not verify: who answered in the service's place. */
    private static Optional<PresentedCertificate> untrustedCertificate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NovacoreException n && n.certificate().isPresent()) {
                return n.certificate();
            }
        }
        return UntrustedCertificateException.in(error).map(UntrustedCertificateException::presented);
    }

    private static Optional<String> operation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZapException z && z.operation() != null && !z.operation().isBlank()) {
                return Optional.of(z.operation());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} without secrets: what is one wherever it stands ({@link
     * com.sourceful.commissioner.report.Redaction#wherever}: the given ones, private keys, JWTs, Bearer/Basic
     * credentials), then Authorization values up to the next delimiter (the rest of the line stays, for support),
     * URL user-info, secret query parameters and key=value pairs.
     */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = Redaction.wherever(text, secrets);
        out = AUTHORIZATION.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
        out = USER_INFO.matcher(out).replaceAll("$1");
        out = QUERY_SECRET.matcher(out).replaceAll("$1$2=" + Matcher.quoteReplacement(REDACTED));
        out = KEY_VALUE.matcher(out).replaceAll(m -> m.group(2).equals(REDACTED) || m.group(2).equals("\"" + REDACTED + "\"")
                ? Matcher.quoteReplacement(m.group()) : Matcher.quoteReplacement(m.group(1) + REDACTED));
        return out;
    }

    /** A URL for the report: scheme, host, port and path; user-info, query and fragment dropped. */
    public static String address(URI uri) {
        if (uri == null) {
            return null;
        }
        if (uri.getHost() == null) {
            return redact(uri.toString(), List.of());
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
