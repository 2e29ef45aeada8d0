package com.sourceful.commissioner.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import com.sourceful.commissioner.discovery.RecentZaps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language chosen in the app, kept in the settings folder next to {@code recent-zaps.json} as
 * {@code language.properties} ({@code language=sv}). It applies at the next start; {@code --lang} wins over it.
 */
public final class LanguagePreference {

    public static final String FILE_NAME = "language.properties";
    private static final Logger LOG = LoggerFactory.getLogger(LanguagePreference.class);

    /** Where a choice in the app is saved; null (tests, the default) keeps it in memory only. */
    private static volatile Path file;

    private LanguagePreference() {
    }

    /** {@code <settings folder>/language.properties}. */
    public static Path defaultFile() {
        return RecentZaps.defaultFile().resolveSibling(FILE_NAME);
    }

    /** Saves later choices in {@code f}; {@code null} saves nothing. */
    public static void useFile(Path f) {
        file = f;
    }

    /** The saved language, if the file holds a known one; a missing or broken file is no preference. */
    public static Optional<String> load(Path f) {
        if (f == null || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable language preference {}: {}", f, e.toString());
            return Optional.empty();
        }
        return Messages.parseLanguage(p.getProperty("language"));
    }

    public static void save(Path f, String language) throws IOException {
        if (Messages.parseLanguage(language).isEmpty()) {
            throw new IllegalArgumentException("unknown language " + language);
        }
        Files.createDirectories(f.toAbsolutePath().getParent());
        Properties p = new Properties();
        p.setProperty("language", language);
        Path tmp = f.resolveSibling(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Zap Commissioner: the language of the app (en or sv)");
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Saves the choice made in the app where {@link #useFile} said; does nothing without a file. */
    public static void store(String language) throws IOException {
        Path f = file;
        if (f != null) {
            save(f, language);
        }
    }
}
