package com.sourceful.commissioner.testsupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A small property-test runner for plain JUnit Jupiter tests: a generator, a check, a number of tries.
 *
 * <p>Seeds: each run draws a random seed, so every CI run explores new cases; a failure names the seed and the try,
 * and {@code -Dprops.seed=N} replays exactly that run. A failing case is also remembered in
 * {@code target/props-failures/} and tried first on the next run (until it passes), like jqwik's "sample first".
 * {@code -Dprops.tries.factor=10} runs ten times as many tries for a longer local fuzzing session.
 *
 * <p>A failure is shrunk (strings: by cutting pieces out and simplifying characters) while it fails with the same
 * exception class, and reported with the original and the shrunk case. Each property prints one line with its tries,
 * seed and time.
 */
public final class Props {

    /** Makes one value; {@code size} grows from 0 to 100 over a run (small cases first). */
    @FunctionalInterface
    public interface Gen<T> {
        T next(RandomGenerator random, int size);

        default <R> Gen<R> map(Function<? super T, ? extends R> f) {
            return (r, size) -> f.apply(next(r, size));
        }

        /** Only values that pass {@code keep} (tried up to 1000 times per value). */
        default Gen<T> filter(Predicate<? super T> keep) {
            return (r, size) -> {
                for (int i = 0; i < 1000; i++) {
                    T v = next(r, size);
                    if (keep.test(v)) {
                        return v;
                    }
                }
                throw new IllegalStateException("the filter keeps almost nothing this generator makes");
            };
        }
    }

    /** The property: returns normally when it holds for the value, throws when it does not. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T value) throws Throwable;
    }

    /** Simpler candidates for a failing value, simplest first. */
    @FunctionalInterface
    public interface Shrinker<T> {
        Stream<T> candidates(T value);

        static <T> Shrinker<T> none() {
            return v -> Stream.empty();
        }
    }

    private static final int MAX_SHRINK_RUNS = 4000;
    private static final long MAX_SHRINK_NANOS = 10_000_000_000L;
    private static final int MAX_SHOWN = 1500;

    private Props() {
    }

    /** A property over strings, shrunk by {@link #shrinkString} when it fails. */
    public static void forAllStrings(int tries, Gen<String> gen, Check<String> check) {
        forAll(tries, gen, Props::shrinkString, check);
    }

    /** A property over values that are not shrunk (the failing value is reported as it was made). */
    public static <T> void forAll(int tries, Gen<T> gen, Check<T> check) {
        forAll(tries, gen, Shrinker.none(), check);
    }

    public static <T> void forAll(int tries, Gen<T> gen, Shrinker<T> shrinker, Check<T> check) {
        run(callerName(), tries, gen, shrinker, check, failuresFolder(), System.getProperty("props.seed"));
    }

    /** The runner itself; package-visible so the harness's own tests can point it at a temporary folder. */
    static <T> RunSummary run(String name, int tries, Gen<T> gen, Shrinker<T> shrinker, Check<T> check,
                              Path failures, String fixedSeed) {
        int n = Math.max(1, (int) Math.round(tries * factor()));
        long started = System.nanoTime();
        Path memory = failures.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".seed");

        // A case that failed in an earlier run comes first, until it passes.
        Optional<long[]> remembered = readMemory(memory);
        if (remembered.isPresent() && fixedSeed == null) {
            long seed = remembered.get()[0];
            int at = (int) remembered.get()[1];
            T value = gen.next(randomFor(seed, at), sizeFor(at, (int) remembered.get()[2]));
            Throwable failure = attempt(check, value);
            if (failure != null) {
                throw report(name, seed, at, (int) remembered.get()[2], value, failure, shrinker, check,
                        "the case remembered from an earlier failing run");
            }
            deleteQuietly(memory);
        }

        long seed = fixedSeed != null ? Long.parseLong(fixedSeed.strip()) : ThreadLocalRandom.current().nextLong();
        for (int i = 0; i < n; i++) {
            T value = gen.next(randomFor(seed, i), sizeFor(i, n));
            Throwable failure = attempt(check, value);
            if (failure != null) {
                writeMemory(memory, seed, i, n);
                throw report(name, seed, i, n, value, failure, shrinker, check, "try " + (i + 1) + " of " + n);
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[props] " + name + ": " + n + " tries, seed " + seed + ", " + ms + " ms");
        return new RunSummary(name, n, seed, ms);
    }

    /** What one property run did. */
    record RunSummary(String name, int tries, long seed, long millis) {
    }

    private static double factor() {
        String f = System.getProperty("props.tries.factor");
        return f == null ? 1.0 : Double.parseDouble(f);
    }

    private static Path failuresFolder() {
        return Path.of(System.getProperty("props.failures", "target/props-failures"));
    }

    private static RandomGenerator randomFor(long seed, int index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L)));
    }

    /** Sizes rise over the run: the first tries are small, the last ones large. */
    private static int sizeFor(int index, int tries) {
        return tries <= 1 ? 50 : (int) Math.min(100, (index * 100L) / (tries - 1));
    }

    private static <T> Throwable attempt(Check<T> check, T value) {
        try {
            check.check(value);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static <T> AssertionError report(String name, long seed, int index, int tries, T value, Throwable failure,
                                             Shrinker<T> shrinker, Check<T> check, String where) {
        T smallest = value;
        Throwable smallestFailure = failure;
        int steps = 0;
        int runs = 0;
        long deadline = System.nanoTime() + MAX_SHRINK_NANOS;
        boolean progress = true;
        while (progress && runs < MAX_SHRINK_RUNS && System.nanoTime() < deadline) {
            progress = false;
            var it = shrinker.candidates(smallest).iterator();
            while (it.hasNext() && runs < MAX_SHRINK_RUNS && System.nanoTime() < deadline) {
                T candidate = it.next();
                runs++;
                Throwable t = attempt(check, candidate);
                if (t != null && signature(t).equals(signature(failure))) {
                    smallest = candidate;
                    smallestFailure = t;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        String message = "Property " + name + " falsified at " + where + " (seed " + seed
                + "; replay with -Dprops.seed=" + seed + ")\n"
                + "  case:    " + show(value) + "\n"
                + (steps > 0 ? "  shrunk:  " + show(smallest) + " (" + steps + " steps)\n" : "")
                + "  failure: " + smallestFailure;
        return new AssertionError(message, smallestFailure);
    }

    /**
     * What kind of failure it is: the exception class and its message without the quoted values in it (tests quote
     * the inputs with {@link #show}), so shrinking keeps to the same failure and does not drift to another one.
     */
    static String signature(Throwable t) {
        String m = String.valueOf(t.getMessage()).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"…\"");
        return t.getClass().getName() + ": " + m;
    }

    /** A value as Java source would write it, so a counter-example can be pasted into a regression test. */
    public static String show(Object value) {
        if (value instanceof String s) {
            return "\"" + escape(s, true) + "\"";
        }
        // Other values as their text, with control and non-ASCII characters escaped so the report stays readable.
        return escape(String.valueOf(value), false);
    }

    private static String escape(String s, boolean quotes) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append(quotes ? "\\\"" : "\"");
                case '\\' -> b.append(quotes ? "\\\\" : "\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (s.length() > shown) {
            b.append("…(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }

    /** Shorter strings first (cut halves, quarters, … single characters), then simpler characters. */
    public static Stream<String> shrinkString(String s) {
        List<String> out = new ArrayList<>();
        if (!s.isEmpty()) {
            out.add("");
        }
        for (int chunk = Math.max(1, s.length() / 2); chunk >= 1; chunk /= 2) {
            for (int start = 0; start + chunk <= s.length(); start += chunk) {
                out.add(s.substring(0, start) + s.substring(start + chunk));
            }
            if (chunk == 1) {
                break;
            }
        }
        if (s.length() <= 300) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                char simpler = Character.isDigit(c) ? (c == '0' ? 0 : '0') : Character.isLetter(c) ? (c == 'a' ? 0 : 'a') : 0;
                if (simpler != 0) {
                    out.add(s.substring(0, i) + simpler + s.substring(i + 1));
                }
            }
        }
        return out.stream().distinct();
    }

    private static Optional<long[]> readMemory(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
            return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            return Optional.empty();
        }
    }

    private static void writeMemory(Path file, long seed, int index, int tries) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, seed + " " + index + " " + tries + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Only a convenience for the next run.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Tried again next run.
        }
    }

    private static final Map<String, Integer> RUNS_PER_TEST = new ConcurrentHashMap<>();

    /** The calling test method ({@code Class.method}), with {@code #2}, {@code #3}, … when it runs several. */
    private static String callerName() {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.filter(f -> f.getDeclaringClass() != Props.class).limit(12).toList());
        StackWalker.StackFrame test = frames.stream().filter(Props::isTestMethod).findFirst()
                .orElse(frames.isEmpty() ? null : frames.get(0));
        if (test == null) {
            return "property";
        }
        String name = test.getDeclaringClass().getSimpleName() + "." + test.getMethodName();
        int n = RUNS_PER_TEST.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + "#" + n;
    }

    private static boolean isTestMethod(StackWalker.StackFrame f) {
        for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
            if (m.getName().equals(f.getMethodName()) && m.isAnnotationPresent(Test.class)) {
                return true;
            }
        }
        return false;
    }
}
