package com.sourceful.commissioner.testsupport;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a parser property accepts: a whole value, or the parser's own checked error; nothing else. */
public final class Outcomes {

    private Outcomes() {
    }

    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    /**
     * The value, or empty when the call threw {@code typed}; any other exception (NullPointerException,
     * ClassCastException, NumberFormatException, …) and any error propagate and so fail the property.
     */
    public static <T> Optional<T> valueOr(Class<? extends Exception> typed, Call<T> call) throws Exception {
        T value;
        try {
            value = call.call();
        } catch (Exception e) {
            if (typed.isInstance(e)) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("a " + typed.getSimpleName() + " without a message", e);
                }
                return Optional.empty();
            }
            throw e;
        }
        if (value == null) {
            throw new AssertionError("a null result instead of a value or a " + typed.getSimpleName());
        }
        return Optional.of(value);
    }

    /**
     * Fails when a record component, list element, map key or value, or optional's content anywhere in the value is
     * null, except for components named in {@code nullable} (as {@code Record.component}).
     */
    public static void assertNoNulls(Object value, String... nullable) {
        check(value, "value", Set.of(nullable));
    }

    private static void check(Object value, String path, Set<String> nullable) {
        if (value == null) {
            throw new AssertionError("null at " + path);
        }
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    var accessor = c.getAccessor();
                    accessor.trySetAccessible();
                    v = accessor.invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                String name = r.getClass().getSimpleName() + "." + c.getName();
                if (v == null && nullable.contains(name)) {
                    continue;
                }
                check(v, path + "." + c.getName(), nullable);
            }
        } else if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                check(o, path + "[" + i++ + "]", nullable);
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                check(e.getKey(), path + " key", nullable);
                check(e.getValue(), path + "[" + e.getKey() + "]", nullable);
            }
        } else if (value instanceof Optional<?> o && o.isPresent()) {
            check(o.get(), path + ".get()", nullable);
        }
    }
}
