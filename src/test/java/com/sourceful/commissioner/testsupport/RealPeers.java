package com.sourceful.commissioner.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Finds the real peers some tests talk to on loopback (a Python with zeroconf or pymodbus, mosquitto) on Linux,
 * macOS and Windows. A missing peer skips the test with a message naming it and how to install it on this OS (never
 * silently); where {@code ZAP_REQUIRE_PEERS=1} is set (CI, which installs the peers) it fails the test instead.
 */
public final class RealPeers {

    /** Set to 1 where the peers are installed: a missing peer is then a failure, not a skip. */
    public static final String REQUIRE_VARIABLE = "ZAP_REQUIRE_PEERS";

    public enum Os {
        LINUX, MAC, WINDOWS;

        static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MAC : LINUX;
        }
    }

    /** What the lookup asks of the machine; tests of the decision put in their own. */
    public interface Machine {
        /** An environment variable, or null. */
        String env(String name);

        boolean isExecutable(String program);

        /** Empty when {@code command} exits 0 within 30 s, else why not (its exit and last line). */
        Optional<String> runsOrWhyNot(List<String> command);
    }

    /** The Python modules a test imports, with the packages that bring them on each OS. */
    public enum PythonPeer {
        ZEROCONF("python-zeroconf", "import zeroconf",
                "apt-get install python3-zeroconf",
                "python3 -m pip install zeroconf",
                "python -m pip install zeroconf"),
        /** pymodbus.server imports serial and serial_asyncio, which Debian's package only recommends. */
        PYMODBUS("pymodbus 3.0", "import pymodbus, serial, serial_asyncio; "
                + "from pymodbus.server import StartAsyncTcpServer",
                "apt-get install python3-pymodbus python3-serial-asyncio",
                "python3 -m pip install pymodbus==3.0.0 pyserial-asyncio",
                "python -m pip install pymodbus==3.0.0 pyserial-asyncio");

        final String name;
        final String check;
        final String linux;
        final String mac;
        final String windows;

        PythonPeer(String name, String check, String linux, String mac, String windows) {
            this.name = name;
            this.check = check;
            this.linux = linux;
            this.mac = mac;
            this.windows = windows;
        }

        String install(Os os) {
            return os == Os.LINUX ? linux : os == Os.MAC ? mac : windows;
        }
    }

    private static final RealPeers HERE = new RealPeers(Os.current(), new RealMachine());

    private final Os os;
    private final Machine machine;

    public RealPeers(Os os, Machine machine) {
        this.os = os;
        this.machine = machine;
    }

    /** The command that starts a Python with {@code peer}'s modules (e.g. [/usr/bin/python3], [py, -3]). */
    public static List<String> python(PythonPeer peer) {
        return HERE.pythonOrMissing(peer).orElseThrow();
    }

    /** The mosquitto broker's executable. */
    public static Path mosquitto() {
        return Path.of(HERE.mosquittoOrMissing().orElseThrow());
    }

    /** The Python to run for {@code peer}: the first candidate that imports its modules. */
    public Lookup<List<String>> pythonOrMissing(PythonPeer peer) {
        List<List<String>> candidates = os == Os.WINDOWS
                ? List.of(List.of("python"), List.of("py", "-3"), List.of("python3"))
                // PATH first (a setup-python or pyenv Python), then the system's: Debian's packages are for it.
                : List.of(List.of("python3"), List.of("/usr/bin/python3"), List.of("/opt/homebrew/bin/python3"),
                        List.of("/usr/local/bin/python3"), List.of("python"));
        List<String> tried = new ArrayList<>();
        Set<List<String>> asked = new HashSet<>();
        for (List<String> candidate : candidates) {
            Optional<String> program = find(candidate.get(0));
            if (program.isEmpty()) {
                tried.add(candidate.get(0) + " (not there)");
                continue;
            }
            List<String> command = new ArrayList<>(candidate);
            command.set(0, program.get());
            if (!asked.add(command)) {
                continue; // python3 on PATH was /usr/bin/python3
            }
            List<String> check = new ArrayList<>(command);
            check.addAll(List.of("-c", peer.check));
            Optional<String> whyNot = machine.runsOrWhyNot(check);
            if (whyNot.isEmpty()) {
                return new Lookup<>(List.copyOf(command), null);
            }
            tried.add(String.join(" ", command) + " (" + whyNot.get() + ")");
        }
        return missing(peer.name + " (a Python that can " + peer.check + ")", peer.install(os), tried);
    }

    /** mosquitto on PATH or where Debian, Homebrew (Apple silicon, Intel) or the Windows installer put it. */
    public Lookup<String> mosquittoOrMissing() {
        List<String> candidates = os == Os.WINDOWS
                ? List.of("mosquitto", programFiles() + "\\mosquitto\\mosquitto.exe")
                : List.of("mosquitto", "/usr/sbin/mosquitto", "/opt/homebrew/sbin/mosquitto",
                        "/usr/local/sbin/mosquitto");
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            Optional<String> program = find(candidate);
            if (program.isPresent()) {
                return new Lookup<>(program.get(), null);
            }
            tried.add(candidate);
        }
        String install = os == Os.LINUX ? "apt-get install mosquitto"
                : os == Os.MAC ? "brew install mosquitto"
                : "choco install mosquitto (installs to " + programFiles() + "\\mosquitto)";
        return missing("mosquitto (an MQTT broker)", install, tried);
    }

    private String programFiles() {
        String dir = machine.env("ProgramFiles");
        return dir == null || dir.isBlank() ? "C:\\Program Files" : dir;
    }

    private <T> Lookup<T> missing(String peer, String install, List<String> tried) {
        boolean required = "1".equals(machine.env(REQUIRE_VARIABLE));
        String message = peer + " is needed by this test and was not found on " + os + " (tried: "
                + String.join(", ", tried) + "). Install it: " + install + ". "
                + (required ? REQUIRE_VARIABLE + "=1 is set, so a missing peer fails the test."
                        : "Skipped; set " + REQUIRE_VARIABLE + "=1 to make a missing peer fail the test.");
        return new Lookup<>(null, required ? new AssertionFailedError(message) : new TestAbortedException(message));
    }

    /** A bare name is looked up on PATH (with .exe on Windows); a path is taken as it is. */
    private Optional<String> find(String program) {
        if (program.contains("/") || program.contains("\\")) {
            return executable(program);
        }
        String path = machine.env("PATH");
        if (path == null) {
            path = machine.env("Path"); // Windows spells it so; a real environment matches either
        }
        if (path == null) {
            return Optional.empty();
        }
        String separator = os == Os.WINDOWS ? ";" : ":";
        for (String dir : path.split(separator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : os == Os.WINDOWS ? List.of(program + ".exe", program) : List.of(program)) {
                Optional<String> found = executable(dir + (os == Os.WINDOWS ? "\\" : "/") + name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> executable(String file) {
        return machine.isExecutable(file) ? Optional.of(file) : Optional.empty();
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "failed" : lines[lines.length - 1].strip();
    }

    /** A peer found ({@code value}), or why not: {@link #orElseThrow()} then skips or fails the test. */
    public record Lookup<T>(T value, Throwable missing) {
        public T orElseThrow() {
            if (missing instanceof Error failure) {
                throw failure; // AssertionFailedError: the test fails
            }
            if (missing instanceof RuntimeException skip) {
                throw skip; // TestAbortedException: the test is skipped
            }
            return value;
        }
    }

    /** This machine: its environment, its files, its processes. */
    static final class RealMachine implements Machine {
        @Override
        public String env(String name) {
            return System.getenv(name);
        }

        @Override
        public boolean isExecutable(String program) {
            try {
                Path p = Path.of(program);
                return Files.isRegularFile(p) && Files.isExecutable(p);
            } catch (InvalidPathException e) {
                return false;
            }
        }

        @Override
        public Optional<String> runsOrWhyNot(List<String> command) {
            try {
                File nowhere = new File(Os.current() == Os.WINDOWS ? "NUL" : "/dev/null");
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(nowhere)).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.of("no answer within 30 s");
                }
                return p.exitValue() == 0 ? Optional.empty()
                        : Optional.of("exit " + p.exitValue() + ": " + lastLine(output));
            } catch (IOException e) {
                return Optional.of(String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    /** For tests of the decision: a machine with these variables, these executables, and these that run. */
    public static Machine machine(Function<String, String> env, List<String> executables,
                                  List<String> commandsThatRun) {
        return new Machine() {
            @Override
            public String env(String name) {
                return env.apply(name);
            }

            @Override
            public boolean isExecutable(String program) {
                return executables.contains(program);
            }

            @Override
            public Optional<String> runsOrWhyNot(List<String> command) {
                return commandsThatRun.contains(String.join(" ", command)) ? Optional.empty()
                        : Optional.of("exit 1: ModuleNotFoundError: No module named 'x'");
            }
        };
    }
}
