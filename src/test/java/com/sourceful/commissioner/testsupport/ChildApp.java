package com.sourceful.commissioner.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sourceful.commissioner.Main;

/**
 * The command that starts the app (or another main class on the test class path) in a child JVM: headless under
 * Monocle, in a home of its own, resolving only the names of the test hosts file. Redirects are the caller's.
 */
public final class ChildApp {

    private ChildApp() {
    }

    /** {@link Main} with {@code appArgs}, e.g. {@code "--demo"}. */
    public static ProcessBuilder main(Path home, String... appArgs) {
        return command(home, List.of(), Main.class, appArgs);
    }

    /** {@code mainClass} with {@code args}; {@code extraJvmArgs} come after the usual ones (a later -D wins). */
    public static ProcessBuilder command(Path home, List<String> extraJvmArgs, Class<?> mainClass, String... args) {
        String javaBin = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Its own home: the app writes its settings and log file there, never into the user's.
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-Duser.home=" + home,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true",
                // No DNS: the only names resolvable are those of the test hosts file (localhost).
                "-Djdk.net.hosts.file=" + Path.of("src/test/resources/test-hosts").toAbsolutePath()));
        command.addAll(extraJvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The settings and log folders in that home too (not %APPDATA%, $XDG_CONFIG_HOME, %LOCALAPPDATA% or
        // $XDG_STATE_HOME): one app per settings folder, and its log where the test looks.
        builder.environment().keySet()
                .removeAll(List.of("APPDATA", "XDG_CONFIG_HOME", "LOCALAPPDATA", "XDG_STATE_HOME"));
        return builder;
    }
}
