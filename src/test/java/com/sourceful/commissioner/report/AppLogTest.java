package com.sourceful.commissioner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.files.PrivateFolders;
import com.sourceful.commissioner.testsupport.UnusualHomes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log file as the app gets it: a fresh JVM (the tee replaces System.err for good) tees standard error, logs
 * through slf4j-simple as the app does, and the file holds the lines, capped, with one older file.
 */
class AppLogTest {

    @TempDir
    Path dir;

    /** The child: {@code AppLogTest$Child <log file> <max bytes> <lines>}. */
    public static final class Child {
        public static void main(String[] args) {
            AppLog.teeStandardError(Path.of(args[0]), Long.parseLong(args[1]));
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("child");
            int lines = Integer.parseInt(args[2]);
            for (int i = 0; i < lines; i++) {
                log.info("line {} of the child's log", i);
            }
            System.err.println("a plain stderr line");
        }
    }

    @Test
    void theLogIsWhereEachOperatingSystemKeepsLogsNotInTheSettingsFolder() {
        assertThat(AppLog.defaultFile("Windows 11", "C:\\Users\\t", "C:\\Users\\t\\AppData\\Local", null))
                .isEqualTo(Path.of("C:\\Users\\t\\AppData\\Local", "ZapCommissioner", "logs", AppLog.FILE_NAME));
        assertThat(AppLog.defaultFile("Windows 10", "C:\\Users\\t", null, null))
                .as("without %LOCALAPPDATA%: its usual place, machine-local (not Roaming)")
                .isEqualTo(Path.of("C:\\Users\\t", "AppData", "Local", "ZapCommissioner", "logs", AppLog.FILE_NAME));
        assertThat(AppLog.defaultFile("Mac OS X", "/Users/t", null, null))
                .isEqualTo(Path.of("/Users/t/Library/Logs/ZapCommissioner/zap-commissioner.log"));
        assertThat(AppLog.defaultFile("Linux", "/home/t", null, null))
                .isEqualTo(Path.of("/home/t/.local/state/zap-commissioner/logs/zap-commissioner.log"));
        // Absolute on the OS running the test too ("/state" is not on Windows: no drive).
        Path state = Path.of("/state").toAbsolutePath();
        assertThat(AppLog.defaultFile("Linux", "/home/t", null, state.toString()))
                .isEqualTo(state.resolve("zap-commissioner/logs/zap-commissioner.log"));
        assertThat(AppLog.defaultFile("Linux", "/home/t", null, "relative"))
                .as("a relative XDG_STATE_HOME is ignored")
                .isEqualTo(Path.of("/home/t/.local/state/zap-commissioner/logs/zap-commissioner.log"));
        assertThat(AppLog.defaultFile("Linux", "/home/t", null, " "))
                .isEqualTo(Path.of("/home/t/.local/state/zap-commissioner/logs/zap-commissioner.log"));
        assertThat(AppLog.defaultFile().getFileName().toString()).isEqualTo(AppLog.FILE_NAME);
    }

    /** A JWT-shaped test token (not a real one). */
    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpZHQtbG9nLXRlc3QifQ.c2lnbmF0dXJlLW9mLWEtdGVzdA";

    /** The child: {@code AppLogTest$LeakyChild <log file>}: code that logs what it should not. */
    public static final class LeakyChild {
        public static void main(String[] args) {
            AppLog.teeStandardError(Path.of(args[0]), AppLog.MAX_BYTES);
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("leaky");
            log.info("http-outgoing-0 >> Authorization: Bearer {}", TOKEN);
            log.info("signed in, token {}", TOKEN);
            // In pieces, as print calls and stream encoders may write it: the whole line is still seen.
            System.err.print("password=s3cr");
            System.err.print("et-pass ");
            System.err.print(TOKEN.substring(0, 30));
            System.err.println(TOKEN.substring(30));
            System.err.print("unfinished line with the token " + TOKEN);
        }
    }

    @Test
    void secretsLoggedByMistakeReachNeitherStandardErrorNorTheFile() throws Exception {
        Path file = dir.resolve("logs").resolve(AppLog.FILE_NAME);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LeakyChild.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String console = Files.readString(dir.resolve("console.txt"), Charset.defaultCharset());
        String logged = Files.readString(file, Charset.defaultCharset());
        for (String text : List.of(console, logged)) {
            // Booleans, not the texts: a failure must not print the token into this JVM's output.
            assertThat(text.contains(TOKEN.substring(0, 30)) || text.contains(TOKEN.substring(30))
                    || text.contains("s3cret-pass")).as("a secret got through").isFalse();
            assertThat(text.contains("Authorization: [redacted]") && text.contains("signed in, token [redacted]")
                    && text.contains("password=[redacted]") && text.contains("unfinished line with the token"))
                    .as("the lines are there, redacted").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(UnusualHomes.class)
    void theLogIsWrittenAndRotatedUnderAnUnusualHome(UnusualHomes kind) throws Exception {
        Path home = kind.make(dir);
        Path file = AppLog.defaultFile(System.getProperty("os.name"), home.toString(), null, null);
        AppLog.CappedFile log = new AppLog.CappedFile(file, 100);
        for (int i = 0; i < 4; i++) {
            byte[] line = ("line " + i + " for " + UnusualHomes.USER_NAME + "\n").getBytes(StandardCharsets.UTF_8);
            log.write(line, 0, line.length); // rotates once at least
        }
        log.close();
        assertThat(AppLog.files(file)).hasSize(2);
        assertThat(Files.readString(file)).contains("line 3 for " + UnusualHomes.USER_NAME);
        if (PrivateFolders.posix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
    }

    /** A line of 36 bytes. */
    private static byte[] line(int i) {
        return String.format("line %02d of a log that rotates....\n", i).getBytes(StandardCharsets.UTF_8);
    }

    /** Stands for a scanner holding the older file on Windows: a folder with a file in it cannot be replaced. */
    private static Path blockRotation(Path file) throws Exception {
        Path blocker = Files.createDirectories(AppLog.rotated(file));
        Files.writeString(blocker.resolve("held"), "x");
        return blocker;
    }

    @Test
    void aRotationAnotherProgramBlocksDoesNotStopTheLogAndIsTriedAgain() throws Exception {
        Path file = dir.resolve("logs").resolve(AppLog.FILE_NAME);
        Files.createDirectories(file.getParent());
        Path blocker = blockRotation(file);
        AppLog.CappedFile log = new AppLog.CappedFile(file, 100);
        for (int i = 0; i < 3; i++) {
            log.write(line(i), 0, line(i).length); // the third would rotate: blocked
        }
        assertThat(Files.readString(file)).as("the log goes on in the same file")
                .contains("line 00").contains("line 02");
        Files.delete(blocker.resolve("held"));
        Files.delete(blocker);
        log.write(line(3), 0, line(3).length);
        log.close();
        assertThat(Files.isRegularFile(AppLog.rotated(file))).as("rotated once it could be").isTrue();
        assertThat(Files.readString(AppLog.rotated(file))).contains("line 00").contains("line 02");
        assertThat(Files.readString(file)).isEqualTo(new String(line(3), StandardCharsets.UTF_8));
    }

    @Test
    void aRotationThatKeepsFailingStopsTheFileAtTwiceItsCap() throws Exception {
        Path file = dir.resolve("logs").resolve(AppLog.FILE_NAME);
        Files.createDirectories(file.getParent());
        blockRotation(file);
        AppLog.CappedFile log = new AppLog.CappedFile(file, 100);
        for (int i = 0; i < 20; i++) {
            log.write(line(i), 0, line(i).length);
        }
        log.close();
        assertThat(Files.size(file)).isGreaterThan(100).isLessThanOrEqualTo(200);
    }

    @Test
    void theLogFilesAndTheFoldersMadeForThemAreTheUsersOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path settings = dir.resolve("config").resolve("zap-commissioner");
        Path file = settings.resolve("logs").resolve(AppLog.FILE_NAME);
        AppLog.CappedFile log = new AppLog.CappedFile(file, 100);
        byte[] line = "a line of about forty bytes, logged\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            log.write(line, 0, line.length); // rotates once at least
        }
        log.close();
        assertThat(AppLog.files(file)).hasSize(2);
        for (Path folder : List.of(dir.resolve("config"), settings, file.getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
        for (Path f : AppLog.files(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aLogFolderAndFilesAnEarlierVersionLeftReadableToAllAreNarrowed() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path folder = Files.createDirectories(dir.resolve("logs"));
        Path file = folder.resolve(AppLog.FILE_NAME);
        Path older = folder.resolve(AppLog.FILE_NAME + ".1");
        Files.writeString(file, "before\n");
        Files.writeString(older, "long before\n");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(older, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] line = "after\n".getBytes(StandardCharsets.UTF_8);
        try (AppLog.CappedFile log = new AppLog.CappedFile(file, AppLog.MAX_BYTES)) {
            log.write(line, 0, line.length);
        }
        assertThat(Files.readString(file)).isEqualTo("before\nafter\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(older))).isEqualTo("rw-------");
    }

    @Test
    void whatTheAppLogsReachesTheCappedFileAndStandardErrorStill() throws Exception {
        Path file = dir.resolve("logs").resolve(AppLog.FILE_NAME);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), file.toString(), "4000", "300")
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String console = Files.readString(dir.resolve("console.txt"), StandardCharsets.UTF_8);
        assertThat(console).contains("line 0 of the child's log", "line 299 of the child's log", "a plain stderr line");

        List<Path> files = AppLog.files(file);
        assertThat(files).containsExactly(file.resolveSibling(AppLog.FILE_NAME + ".1"), file);
        assertThat(Files.size(file)).isLessThanOrEqualTo(4000);
        assertThat(Files.size(files.get(0))).isLessThanOrEqualTo(4000);
        String newest = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(newest).contains("line 299 of the child's log", "a plain stderr line").doesNotContain("line 0 of");
        assertThat(newest.split(File.separator.equals("\\") ? "\r?\n" : "\n")[0]).contains("INFO child - line");
    }
}
