package com.sourceful.commissioner.ui.common;

import java.util.Locale;
import java.util.Optional;

/** Light or dark: as the OS is set ({@link #SYSTEM}, the default), or always one of them. */
public enum ThemeChoice {
    SYSTEM, LIGHT, DARK;

    /** As {@code --theme} and the settings file spell it: {@code system}, {@code light}, {@code dark}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code system}, {@code light} or {@code dark} (any case); anything else is empty. */
    public static Optional<ThemeChoice> parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ThemeChoice c : values()) {
            if (c.id().equals(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
