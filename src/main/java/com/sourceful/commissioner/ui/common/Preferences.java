package com.sourceful.commissioner.ui.common;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

import com.sourceful.commissioner.discovery.RecentZaps;
import com.sourceful.commissioner.files.AtomicFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The choices made in the app, kept for the next start in one small file in the settings folder, next to
 * {@code recent-zaps.json}: {@code settings.properties} with {@code language} ({@code en}, {@code sv}), {@code theme}
 * ({@code system}, {@code light}, {@code dark}) and {@code theme.os} (the OS colour scheme last seen, {@code light} or
 * {@code dark}, so that the first frame already has the right colours while the OS is asked again). Read once before
 * launch; written off the JavaFX thread.
 */
public final class Preferences {

    public static final String FILE_NAME = "settings.properties";
    /** Where the language choice was kept before the theme joined it; read when {@link #FILE_NAME} is not there. */
    static final String OLD_LANGUAGE_FILE = "language.properties";
    public static final String LANGUAGE = "language";
    public static final String THEME = "theme";
    public static final String THEME_OS = "theme.os";

    private static final Logger LOG = LoggerFactory.getLogger(Preferences.class);
    /** Three short values take under 200 bytes; a larger file is not one this app wrote and is not read. */
    static final int MAX_FILE_BYTES = 64 * 1024;
    /** Where a skipped file is told; tests replace it. */
    static volatile Consumer<String> problems = problem -> LOG.warn("{}", problem);
    /** Where choices made in the app are saved; null (tests, the default) keeps them in memory only. */
    private static volatile Path file;

    /** What the file holds; each value empty when missing or unknown. */
    public record Values(Optional<String> language, Optional<ThemeChoice> theme, Optional<Boolean> osDark) {
        public static final Values NONE = new Values(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Preferences() {
    }

    /** {@code <settings folder>/settings.properties}. */
    public static Path defaultFile() {
        return RecentZaps.defaultFile().resolveSibling(FILE_NAME);
    }

    /** Saves later choices in {@code f}; {@code null} saves nothing. */
    public static void useFile(Path f) {
        file = f;
    }

    /** The values in {@code f}; a missing or broken file holds none (a broken one is logged). */
    public static Values load(Path f) {
        if (f == null) {
            return Values.NONE;
        }
        Optional<Properties> p = read(f);
        if (p.isEmpty()) {
            // The language choice's file before this one.
            return read(f.resolveSibling(OLD_LANGUAGE_FILE))
                    .map(old -> new Values(Messages.parseLanguage(old.getProperty(LANGUAGE)), Optional.empty(),
                            Optional.empty()))
                    .orElse(Values.NONE);
        }
        Properties v = p.get();
        String os = v.getProperty(THEME_OS, "");
        return new Values(Messages.parseLanguage(v.getProperty(LANGUAGE)), ThemeChoice.parse(v.getProperty(THEME)),
                os.equals("dark") ? Optional.of(true) : os.equals("light") ? Optional.of(false) : Optional.empty());
    }

    /** Sets {@code key} to {@code value} in {@code f}, keeping the other values; written atomically (temp, rename). */
    public static synchronized void put(Path f, String key, String value) throws IOException {
        if (key.equals(LANGUAGE) && Messages.parseLanguage(value).isEmpty()
                || key.equals(THEME) && ThemeChoice.parse(value).isEmpty()) {
            throw new IllegalArgumentException("unknown " + key + " " + value);
        }
        Files.createDirectories(f.toAbsolutePath().getParent());
        // The first write carries over the language chosen before this file existed.
        Properties p = read(f).orElseGet(() -> {
            Properties fresh = new Properties();
            read(f.resolveSibling(OLD_LANGUAGE_FILE)).map(old -> old.getProperty(LANGUAGE))
                    .flatMap(Messages::parseLanguage).ifPresent(l -> fresh.setProperty(LANGUAGE, l));
            return fresh;
        });
        p.setProperty(key, value);
        AtomicFiles.write(f, out -> p.store(
                new OutputStreamWriter(out, StandardCharsets.UTF_8),
                "Zap Commissioner: language (en, sv), theme (system, light, dark), theme.os (last seen)"));
    }

    /** {@link #put} in the file {@link #useFile} named; does nothing without one. Not on the JavaFX thread. */
    public static void store(String key, String value) throws IOException {
        Path f = file;
        if (f != null) {
            put(f, key, value);
        }
    }

    /** A missing file is none; a huge, special (FIFO, device) or unreadable one is none and told, never thrown. */
    private static Optional<Properties> read(Path f) {
        Properties p = new Properties();
        try {
            byte[] bytes = AtomicFiles.readSmallRegularFile(f, MAX_FILE_BYTES);
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.accept("Ignoring unreadable settings " + f + ": " + e);
            return Optional.empty();
        }
        return Optional.of(p);
    }
}
