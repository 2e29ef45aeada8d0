package com.sourceful.commissioner.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * How this program was started, so hints name a command the technician can type: the installed launcher (jpackage
 * sets {@code jpackage.app-path} to it) or {@code java -jar} with the jar that runs.
 */
final class LaunchCommand {

    /** What hints say when neither a launcher nor a jar is known (e.g. started from an IDE). */
    static final String FALLBACK = "java -jar zap-commissioner.jar";

    private LaunchCommand() {
    }

    /** The command that started this program, e.g. {@code java -jar target/zap-commissioner.jar}. */
    static String current() {
        return of(Optional.ofNullable(System.getProperty("jpackage.app-path")), runningJar(),
                Path.of(System.getProperty("user.dir", ".")));
    }

    /**
     * The launcher when there is one; else {@code java -jar} with the jar, relative to {@code workingDir} when it lies
     * below it; else {@link #FALLBACK}. Paths with spaces are quoted.
     */
    static String of(Optional<String> appPath, Optional<Path> jar, Path workingDir) {
        if (appPath.isPresent() && !appPath.get().isBlank()) {
            return quoted(appPath.get());
        }
        if (jar.isPresent()) {
            Path j = jar.get().toAbsolutePath().normalize();
            Path dir = workingDir.toAbsolutePath().normalize();
            return "java -jar " + quoted((j.startsWith(dir) ? dir.relativize(j) : j).toString());
        }
        return FALLBACK;
    }

    private static Optional<Path> runningJar() {
        try {
            CodeSource source = LaunchCommand.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return p.getFileName() != null && p.getFileName().toString().endsWith(".jar") ? Optional.of(p)
                    : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String quoted(String path) {
        return path.contains(" ") ? "\"" + path + "\"" : path;
    }
}
