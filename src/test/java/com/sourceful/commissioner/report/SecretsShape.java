package com.sourceful.commissioner.report;

import java.util.regex.Pattern;

/** The shape SecretsLeakTest looks for: a JWT. */
final class SecretsShape {

    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    private SecretsShape() {
    }
}
