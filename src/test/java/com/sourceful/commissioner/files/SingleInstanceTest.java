package com.sourceful.commissioner.files;

import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.files.SingleInstance.ShowAnswer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SingleInstanceTest {

    @TempDir
    Path dir;

    /** Run in a second JVM: prints "acquired" or "held" for the folder in args[0]. */
    public static void main(String[] args) throws Exception {
        Optional<SingleInstance> lock = SingleInstance.tryAcquire(Path.of(args[0]));
        System.out.print(lock.isPresent() ? "acquired" : "held");
    }

    private String secondProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SingleInstanceTest.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the second JVM ends").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aSecondProcessDoesNotGetTheLockWhileTheFirstHoldsIt() throws Exception {
        try (SingleInstance first = SingleInstance.tryAcquire(dir).orElseThrow()) {
            assertThat(secondProcess()).isEqualTo("held");
            assertThat(SingleInstance.tryAcquire(dir)).as("nor this JVM a second time").isEmpty();
        }
        assertThat(secondProcess()).as("released on close").isEqualTo("acquired");
    }

    @Test
    void aLeftoverLockFileFromACrashDoesNotStopTheNextStart() throws Exception {
        // The crashed process's lock died with it; its file stays, with whatever content.
        Files.writeString(dir.resolve(SingleInstance.FILE_NAME), "12345 stale");
        assertThat(secondProcess()).isEqualTo("acquired");
    }

    @Test
    void aMissingFolderIsCreated() throws Exception {
        Path folder = dir.resolve("new").resolve("settings");
        try (SingleInstance lock = SingleInstance.tryAcquire(folder).orElseThrow()) {
            assertThat(new File(folder.toFile(), SingleInstance.FILE_NAME)).exists();
        }
    }

    @Test
    void aSecondStartAsksTheOpenAppToShowItsWindow() throws Exception {
        Semaphore shown = new Semaphore(0);
        try (SingleInstance first = SingleInstance.tryAcquire(dir).orElseThrow()) {
            first.answerShowRequests(shown::release);
            assertThat(SingleInstance.askToShow(dir)).isEqualTo(ShowAnswer.SHOWN);
            assertThat(shown.availablePermits()).isEqualTo(1);
            assertThat(SingleInstance.askToShow(dir)).as("and again").isEqualTo(ShowAnswer.SHOWN);
            assertThat(shown.availablePermits()).isEqualTo(2);
        }
        assertThat(dir.resolve(SingleInstance.DOOR_FILE_NAME)).as("removed on close").doesNotExist();
        assertThat(SingleInstance.askToShow(dir)).isEqualTo(ShowAnswer.NO_DOOR);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // there the settings folder in the user's profile is private
    void theDoorsKeyIsReadableByTheUserOnly() throws Exception {
        try (SingleInstance first = SingleInstance.tryAcquire(dir).orElseThrow()) {
            first.answerShowRequests(() -> { });
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(SingleInstance.DOOR_FILE_NAME)))).isEqualTo("rw-------");
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // there the settings folder in the user's profile is private
    void theSettingsFolderIsTheUsersOnlyWhetherNewOrMadeBefore() throws Exception {
        Path fresh = dir.resolve("config").resolve("zap-commissioner");
        try (SingleInstance lock = SingleInstance.tryAcquire(fresh).orElseThrow()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())))
                    .as("a missing parent too").isEqualTo("rwx------");
        }
        Path older = Files.createDirectories(dir.resolve("older"));
        Files.setPosixFilePermissions(older, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SingleInstance lock = SingleInstance.tryAcquire(older).orElseThrow()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(older))).isEqualTo("rwx------");
        }
    }

    @Test
    void aRequestWithoutTheKeyShowsNothing() throws Exception {
        Semaphore shown = new Semaphore(0);
        try (SingleInstance first = SingleInstance.tryAcquire(dir).orElseThrow()) {
            first.answerShowRequests(shown::release);
            String port = Files.readString(dir.resolve(SingleInstance.DOOR_FILE_NAME)).split(" ")[0];
            for (String request : new String[] {"show\n", "show 00\n", "x".repeat(10_000) + "\n"}) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.shutdownOutput();
                    assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
                }
            }
            // A peer that says nothing holds the door for at most its timeout...
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                assertThat(SingleInstance.askToShow(dir)).isEqualTo(ShowAnswer.SHOWN);
            }
            // ...and so does one sending a byte now and then (10 s of them, if not cut off).
            try (Socket dripping = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                Thread drip = new Thread(() -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            dripping.getOutputStream().write('s');
                            Thread.sleep(100);
                        }
                    } catch (Exception closed) {
                        // Cut off by the door, or by the end of the test.
                    }
                });
                drip.setDaemon(true);
                drip.start();
                assertThat(SingleInstance.askToShow(dir)).isEqualTo(ShowAnswer.SHOWN);
            }
            assertThat(shown.availablePermits()).as("only the requests with the key").isEqualTo(2);
        }
    }

    @Test
    void aDoorThatDoesNotAnswerIsSaidSo() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Accepted by the OS's backlog, never read: an open app that hangs.
            Files.writeString(dir.resolve(SingleInstance.DOOR_FILE_NAME), deaf.getLocalPort() + " abc\n");
            assertThat(SingleInstance.askToShow(dir)).isEqualTo(ShowAnswer.NO_ANSWER);
        }
        for (String planted : new String[] {"", "70000 abc", "port abc", "1 2 3"}) {
            Files.writeString(dir.resolve(SingleInstance.DOOR_FILE_NAME), planted);
            assertThat(SingleInstance.askToShow(dir)).as(planted).isEqualTo(ShowAnswer.NO_DOOR);
        }
    }
}
