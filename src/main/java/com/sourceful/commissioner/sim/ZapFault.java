package com.sourceful.commissioner.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way the simulated Zap misbehaves, set per endpoint with {@link ZapSimulator#setFault(String, ZapFault)}.
 * Immutable values; {@link #parse(String)} reads the command-line form and {@link #spec()} writes it back.
 */
public sealed interface ZapFault {

    /** The longest latency a fault may add: a real Zap on bad Wi-Fi, not a dead one (that is {@link NeverAnswers}). */
    Duration MAX_LATENCY = Duration.ofSeconds(15);
    /** {@link HugeBody}'s default size, 50 MB. */
    long DEFAULT_HUGE_BODY_BYTES = 50L * 1024 * 1024;

    /** The command-line form, as {@link #parse(String)} accepts it. */
    String spec();

    /** Waits {@code min} (fixed when {@code min == max}) or a random time in [min, max], then answers normally. */
    record Latency(Duration min, Duration max) implements ZapFault {
        public Latency {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(MAX_LATENCY) > 0) {
                throw new IllegalArgumentException("latency must be within 0..15 s, was " + min.toMillis() + ".."
                        + max.toMillis() + " ms");
            }
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("latency range is backwards: " + min.toMillis() + " ms > "
                        + max.toMillis() + " ms");
            }
        }

        public static Latency fixed(Duration d) {
            return new Latency(d, d);
        }

        @Override
        public String spec() {
            return "latency=" + millis(min) + (min.equals(max) ? "" : ".." + millis(max));
        }
    }

    /** Answers {@code code} with {@code {"error":"simulated <code>"}} (no body where HTTP forbids one: 1xx, 204, 304). */
    record Status(int code) implements ZapFault {
        public Status {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("status must be 100..599, was " + code);
            }
        }

        @Override
        public String spec() {
            return "status=" + code;
        }
    }

    /** 503 {@code {"error":"low memory","message":...,"free_heap":...}}, like a Zap whose heap is under ~55 KB. */
    record LowMemory() implements ZapFault {
        @Override
        public String spec() {
            return "low-memory";
        }
    }

    /** 204 with no body, for as long as the fault is set. */
    record NoContent() implements ZapFault {
        @Override
        public String spec() {
            return "no-content";
        }
    }

    /** 200, {@code application/json}, a body that is not JSON (the normal answer cut in the middle). */
    record MalformedJson() implements ZapFault {
        @Override
        public String spec() {
            return "malformed-json";
        }
    }

    /** 200 with the Content-Length of the full answer, only half of it sent, then the connection closed (FIN). */
    record TruncatedBody() implements ZapFault {
        @Override
        public String spec() {
            return "truncated";
        }
    }

    /** 200, {@code text/html}: a router or captive-portal page instead of the Zap API. */
    record WrongContentType() implements ZapFault {
        @Override
        public String spec() {
            return "wrong-content-type";
        }
    }

    /** 200, {@code application/json}, {@code bytes} long, streamed (never held in memory); stops when the client hangs up. */
    record HugeBody(long bytes) implements ZapFault {
        public HugeBody {
            if (bytes < 1 || bytes > (1L << 40)) {
                throw new IllegalArgumentException("huge-body size must be 1 byte .. 1 TB, was " + bytes);
            }
        }

        public HugeBody() {
            this(DEFAULT_HUGE_BODY_BYTES);
        }

        @Override
        public String spec() {
            return bytes % (1024 * 1024) == 0 ? "huge-body=" + bytes / (1024 * 1024) + "MB"
                    : bytes % 1024 == 0 ? "huge-body=" + bytes / 1024 + "KB" : "huge-body=" + bytes;
        }
    }

    /** 200, half of the normal answer, then a TCP reset (SO_LINGER 0): the client sees "connection reset". */
    record ResetMidBody() implements ZapFault {
        @Override
        public String spec() {
            return "reset";
        }
    }

    /**
     * Reads the request, then sends nothing and holds the connection open until the fault is cleared or replaced
     * (the held request then gets the normal answer, or whatever the endpoint's new fault says), the client hangs up
     * (the request is dropped) or the simulator closes (the connection is closed).
     */
    record NeverAnswers() implements ZapFault {
        @Override
        public String spec() {
            return "never-answers";
        }
    }

    /**
     * Reads the command-line form: {@code latency=2s}, {@code latency=500ms}, {@code latency=1s..15s},
     * {@code status=500}, {@code low-memory}, {@code no-content}, {@code malformed-json}, {@code truncated},
     * {@code wrong-content-type}, {@code huge-body}, {@code huge-body=50MB} (B, KB, MB, GB; powers of 1024),
     * {@code reset}, {@code never-answers}. Case-insensitive.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and what is accepted
     */
    static ZapFault parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty fault; " + KINDS);
        }
        String s = spec.strip().toLowerCase(Locale.ROOT);
        int eq = s.indexOf('=');
        String kind = eq < 0 ? s : s.substring(0, eq).strip();
        String value = eq < 0 ? null : s.substring(eq + 1).strip();
        ZapFault simple = switch (kind) {
            case "low-memory" -> new LowMemory();
            case "no-content" -> new NoContent();
            case "malformed-json" -> new MalformedJson();
            case "truncated" -> new TruncatedBody();
            case "wrong-content-type" -> new WrongContentType();
            case "reset" -> new ResetMidBody();
            case "never-answers" -> new NeverAnswers();
            default -> null;
        };
        if (simple != null) {
            if (value != null) {
                throw new IllegalArgumentException("fault '" + kind + "' takes no value, got '" + spec.strip() + "'");
            }
            return simple;
        }
        switch (kind) {
            case "latency" -> {
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("latency needs a time: latency=2s, latency=500ms or latency=1s..15s");
                }
                int dots = value.indexOf("..");
                if (dots < 0) {
                    return Latency.fixed(duration(value));
                }
                return new Latency(duration(value.substring(0, dots)), duration(value.substring(dots + 2)));
            }
            case "status" -> {
                if (value == null || !value.matches("\\d{1,3}")) {
                    throw new IllegalArgumentException("status needs an HTTP status 100..599: status=500, got '"
                            + spec.strip() + "'");
                }
                return new Status(Integer.parseInt(value));
            }
            case "huge-body" -> {
                return value == null ? new HugeBody() : new HugeBody(size(value));
            }
            default -> throw new IllegalArgumentException("unknown fault '" + kind + "'; " + KINDS);
        }
    }

    /** The accepted forms, for error messages and usage text. */
    String KINDS = "one of latency=2s | latency=1s..15s | status=CODE | low-memory | no-content | malformed-json"
            + " | truncated | wrong-content-type | huge-body[=50MB] | reset | never-answers";

    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a time: '" + text.strip() + "' (write 2s, 1.5s or 500ms)");
        }
        double n = Double.parseDouble(m.group(1));
        long ms = Math.round(m.group(2).equals("s") ? n * 1000 : n);
        if (m.group(2).equals("ms") && m.group(1).contains(".")) {
            throw new IllegalArgumentException("not a time: '" + text.strip() + "' (milliseconds are whole numbers)");
        }
        return Duration.ofMillis(ms);
    }

    private static long size(String text) {
        Matcher m = Pattern.compile("(\\d{1,13})\\s*(b|kb|mb|gb)?").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text.strip() + "' (write 50MB, 512KB or 1000000)");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb" -> 1024L;
            case "mb" -> 1024L * 1024;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n > (1L << 40) / unit) {
            throw new IllegalArgumentException("huge-body size must be at most 1 TB, was '" + text.strip() + "'");
        }
        return n * unit;
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toMillis() / 1000 + "s" : d.toMillis() + "ms";
    }
}
