package com.sourceful.commissioner.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The app's version as the build wrote it ({@code app-version.properties}, filtered by Maven), the one source for the
 * report, the support bundle and Copy details.
 */
public final class AppVersion {

    private static final String VERSION = read();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /**
     * Whether this runs from the packaged jar (its manifest carries the version), not from the build's classes as in
     * {@code javafx:run} and tests: a report from a development build is worth knowing about.
     */
    public static boolean fromPackagedJar() {
        Package p = AppVersion.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v != null && !v.isBlank();
    }

    private static String read() {
        try (InputStream in = AppVersion.class.getResourceAsStream("app-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // falls through
        }
        String manifest = AppVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
