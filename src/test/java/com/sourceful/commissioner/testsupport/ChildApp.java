package com.sourceful.commissioner.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        // The settings and log folders in that home too: one app per settings folder, and its log where the test looks.
        return withFoldersInHome(new ProcessBuilder(command));
    }

    /** The variables that would win over user.home for the settings and log folders. */
    public static final List<String> FOLDER_VARIABLES = List.of("APPDATA", "XDG_CONFIG_HOME", "LOCALAPPDATA",
            "XDG_STATE_HOME");

    /** {@code builder} without {@link #FOLDER_VARIABLES}: its child keeps settings and log under its user.home. */
    public static ProcessBuilder withFoldersInHome(ProcessBuilder builder) {
        builder.environment().keySet().removeAll(FOLDER_VARIABLES);
        return builder;
    }

    /**
     * Runs {@code mainClass} in a child JVM whose environment sets every {@link #FOLDER_VARIABLES}; returns what it
     * prints. Its main prints which of them the command it builds would pass on.
     */
    public static String runWithFolderVariablesSet(Class<?> mainClass) throws Exception {
        ProcessBuilder parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName());
        parent.environment().put("XDG_CONFIG_HOME", "/the/users/own/config");
        parent.environment().put("APPDATA", "C:\\Users\\tech\\AppData\\Roaming");
        parent.environment().put("XDG_STATE_HOME", "/the/users/own/state");
        parent.environment().put("LOCALAPPDATA", "C:\\Users\\tech\\AppData\\Local");
        Process p = parent.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(mainClass.getSimpleName() + " did not end within 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Which of {@link #FOLDER_VARIABLES} {@code builder} passes on to its child. */
    public static List<String> folderVariablesIn(ProcessBuilder builder) {
        return builder.environment().keySet().stream().filter(FOLDER_VARIABLES::contains).sorted().toList();
    }
}
