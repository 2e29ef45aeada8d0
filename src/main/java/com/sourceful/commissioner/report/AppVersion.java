package com.sourceful.commissioner.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The app's version as the build wrote it ({@code app-version.properties}, filtered by Maven). */
public final class AppVersion {

    private static final String VERSION = read();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
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
