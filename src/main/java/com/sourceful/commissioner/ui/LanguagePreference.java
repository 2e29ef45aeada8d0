package com.sourceful.commissioner.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The language chosen in the app, kept in the settings file ({@link Preferences}, {@code language=sv}). It applies at
 * the next start; {@code --lang} wins over it.
 */
public final class LanguagePreference {

    public static final String FILE_NAME = Preferences.FILE_NAME;

    private LanguagePreference() {
    }

    /** {@code <settings folder>/settings.properties}. */
    public static Path defaultFile() {
        return Preferences.defaultFile();
    }

    /** Saves later choices in {@code f}; {@code null} saves nothing. */
    public static void useFile(Path f) {
        Preferences.useFile(f);
    }

    /** The saved language, if the file holds a known one; a missing or broken file is no preference. */
    public static Optional<String> load(Path f) {
        return Preferences.load(f).language();
    }

    public static void save(Path f, String language) throws IOException {
        Preferences.put(f, Preferences.LANGUAGE, check(language));
    }

    /** Saves the choice made in the app where {@link #useFile} said; does nothing without a file. */
    public static void store(String language) throws IOException {
        Preferences.store(Preferences.LANGUAGE, check(language));
    }

    private static String check(String language) {
        if (Messages.parseLanguage(language).isEmpty()) {
            throw new IllegalArgumentException("unknown language " + language);
        }
        return language;
    }
}
