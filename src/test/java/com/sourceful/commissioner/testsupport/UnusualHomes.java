package com.sourceful.commissioner.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Homes that are not {@code C:\Users\tech}: a user name with letters outside ASCII, a path longer than Windows' old
 * MAX_PATH (260), and both. Made in a test's temp folder; where the file system cannot make one, the test is skipped
 * with the reason (never silently).
 */
public enum UnusualHomes {
    NON_ASCII_NAME,
    LONGER_THAN_MAX_PATH,
    BOTH;

    /** A Scandinavian name with a hyphen and a space, and Chinese (outside Latin-1, and 3 bytes each in UTF-8). */
    public static final String USER_NAME = "Åsa Öberg-Ærø 测试";
    /** Windows' old limit: Java adds the {@code \\?\} prefix itself above 247 characters (sun.nio.fs.WindowsPath). */
    public static final int MAX_PATH = 260;

    /** The home, made under {@code base}; the test is skipped (with why) when the file system cannot make it. */
    public Path make(Path base) {
        Path home = base.toAbsolutePath();
        Path named = home;
        try {
            if (this != LONGER_THAN_MAX_PATH) {
                named = home.resolve(USER_NAME);
                home = named;
            }
            if (this != NON_ASCII_NAME) {
                // Folders of 50 characters (far below any file system's limit for one name) until the home alone
                // is longer than MAX_PATH, so every file in it is too.
                for (int i = 0; home.toString().length() <= MAX_PATH; i++) {
                    home = home.resolve(String.format("folder-%02d-", i) + "x".repeat(40));
                }
            }
            Files.createDirectories(home);
        } catch (InvalidPathException | IOException e) {
            assumeTrue(false, "this file system cannot make the home " + this + " (sun.jnu.encoding="
                    + System.getProperty("sun.jnu.encoding") + "): " + e);
        }
        if (this != LONGER_THAN_MAX_PATH) {
            // The name as listed: a file system that stored something else would put the files elsewhere.
            try (Stream<Path> listed = Files.list(named.getParent())) {
                assumeTrue(listed.anyMatch(p -> p.getFileName().toString().equals(USER_NAME)),
                        "this file system does not keep the name " + USER_NAME + " as given");
            } catch (IOException e) {
                assumeTrue(false, "cannot list " + named.getParent() + ": " + e);
            }
        }
        return home;
    }
}
