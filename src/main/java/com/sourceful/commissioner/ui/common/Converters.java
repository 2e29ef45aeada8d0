package com.sourceful.commissioner.ui.common;

import java.util.function.Function;

import javafx.util.StringConverter;

/** Display-only converters for choice controls: values are chosen from a list, never typed. */
public final class Converters {

    private Converters() {
    }

    public static <T> StringConverter<T> of(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("chosen from a list, never typed");
            }
        };
    }

    /** A connection type's label, or its raw name for one a newer firmware added. */
    public static String connectionType(String type) {
        return Messages.getOr("conn." + type, type);
    }
}
