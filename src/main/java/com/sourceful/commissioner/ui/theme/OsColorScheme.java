package com.sourceful.commissioner.ui.theme;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the operating system is set to a dark colour scheme. JavaFX 21 cannot tell ({@code Platform.Preferences}
 * came with JavaFX 22), so this asks the OS the way its own tools do:
 * <ul>
 * <li>Windows: {@code reg query HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize /v AppsUseLightTheme}
 * ({@code 0x0} is dark);</li>
 * <li>macOS: {@code defaults read -g AppleInterfaceStyle} ({@code Dark} is dark; exit 1, the key missing, is light);</li>
 * <li>Linux and others: {@code gsettings get org.gnome.desktop.interface color-scheme} ({@code 'prefer-dark'}), else
 * a GTK theme whose name contains "dark" ({@code gsettings get org.gnome.desktop.interface gtk-theme}).</li>
 * </ul>
 * Anything that fails, is missing or takes over a second (the process is then killed) counts as light. Runs a process:
 * never call {@link #detect()} on the JavaFX thread. No JavaFX in here, so the parsing is tested without a toolkit.
 */
public final class OsColorScheme {

    /** How long one command may take before it is killed and the answer is "light". */
    public static final long TIMEOUT_MS = 1000;
    private static final int MAX_OUTPUT = 4096;

    /** What running a command gave: its exit code and standard output; {@code exitCode} -1 when it did not run. */
    public record Output(int exitCode, String stdout) {
        public static final Output FAILED = new Output(-1, "");
    }

    /** Runs a command (a seam for tests). */
    @FunctionalInterface
    public interface Runner {
        Output run(List<String> command);
    }

    private OsColorScheme() {
    }

    /** Dark on this computer? Light when it cannot tell. Blocks for up to about two seconds. */
    public static boolean detect() {
        return detect(System.getProperty("os.name", ""), OsColorScheme::run);
    }

    /** As {@link #detect()}, for a given OS name and a way of running commands. */
    public static boolean detect(String osName, Runner runner) {
        String os = osName.toLowerCase(Locale.ROOT);
        try {
            if (os.startsWith("windows")) {
                return windowsIsDark(runner.run(List.of("reg", "query",
                        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme"))).orElse(false);
            }
            if (os.startsWith("mac") || os.contains("darwin")) {
                return macIsDark(runner.run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))).orElse(false);
            }
            Optional<Boolean> scheme = gnomeColorSchemeIsDark(runner.run(
                    List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")));
            if (scheme.isPresent()) {
                return scheme.get();
            }
            return gtkThemeIsDark(runner.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme")))
                    .orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * {@code reg query … /v AppsUseLightTheme}: a line {@code AppsUseLightTheme    REG_DWORD    0x0} is dark, {@code 0x1}
     * light; empty when the value is missing (older Windows: light).
     */
    public static Optional<Boolean> windowsIsDark(Output out) {
        if (out.exitCode() != 0) {
            return Optional.empty();
        }
        for (String line : out.stdout().split("\\R")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 3 && parts[0].equalsIgnoreCase("AppsUseLightTheme")) {
                String v = parts[parts.length - 1].toLowerCase(Locale.ROOT);
                try {
                    long value = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
                    return Optional.of(value == 0);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** {@code defaults read -g AppleInterfaceStyle}: "Dark" is dark; exit 1 (no such key) is light. */
    public static Optional<Boolean> macIsDark(Output out) {
        if (out.exitCode() == 0) {
            return Optional.of(out.stdout().trim().equalsIgnoreCase("dark"));
        }
        return out.exitCode() == 1 ? Optional.of(false) : Optional.empty();
    }

    /**
     * {@code gsettings get org.gnome.desktop.interface color-scheme}: {@code 'prefer-dark'} is dark,
     * {@code 'prefer-light'} light; {@code 'default'} (or no such key) says nothing, and the GTK theme decides.
     */
    public static Optional<Boolean> gnomeColorSchemeIsDark(Output out) {
        if (out.exitCode() != 0) {
            return Optional.empty();
        }
        String v = unquote(out.stdout());
        if (v.equals("prefer-dark")) {
            return Optional.of(true);
        }
        if (v.equals("prefer-light")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** {@code gsettings get org.gnome.desktop.interface gtk-theme}: a name with "dark" in it ({@code 'Adwaita-dark'}). */
    public static Optional<Boolean> gtkThemeIsDark(Output out) {
        if (out.exitCode() != 0 || out.stdout().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(unquote(out.stdout()).toLowerCase(Locale.ROOT).contains("dark"));
    }

    private static String unquote(String s) {
        String v = s.trim();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v.trim();
    }

    /** Runs {@code command} with a {@link #TIMEOUT_MS} limit; killed and {@link Output#FAILED} when it takes longer. */
    static Output run(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException | RuntimeException e) {
            return Output.FAILED; // not installed, not this OS
        }
        try {
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Output.FAILED;
            }
            // The answers are a line or two, already in the pipe. Read only what is there: a helper the command left
            // running (a D-Bus daemon gsettings started) may keep the pipe open, and waiting for its end could block.
            return new Output(p.exitValue(), read(p.getInputStream()));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Output.FAILED;
        } catch (IOException e) {
            return Output.FAILED;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "NUL" : "/dev/null");
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] b = new byte[512];
            int n;
            while (buf.size() < MAX_OUTPUT && in.available() > 0 && (n = in.read(b)) > 0) {
                buf.write(b, 0, n);
            }
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
