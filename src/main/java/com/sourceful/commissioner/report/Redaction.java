package com.sourceful.commissioner.report;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what leaves the app in a report or a support bundle. The app never logs or stores a secret;
 * this is the second line: whatever a field is called like a password, secret, token or key, any JWT, any
 * {@code Authorization} header or {@code Bearer} value, any private key block, and any secret value the app knows
 * of (the token typed in, the demo token) is replaced by {@link #MARK}.
 */
public final class Redaction {

    public static final String MARK = "[redacted]";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|pwd|secret|token|key|authori[sz]ation|credential|cookie|signature).*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern AUTH_HEADER = Pattern.compile("(?im)(authori[sz]ation\\s*[:=]\\s*)[^\\r\\n]*");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|\\z)");
    /** {@code password=x}, {@code "token": "x"}, {@code api_key: x}: a secret-looking name, then its value. */
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "(?i)([\"']?[A-Za-z0-9_.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|private[_-]?key|credential)"
                    + "[A-Za-z0-9_.-]*[\"']?\\s*[:=]\\s*)(\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"|'[^'\\r\\n]*'|[^\\s,;&}\\]]+)");

    private Redaction() {
    }

    /** A field whose name says it holds a secret (password, secret, token, key, authorization, ...). */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** The text with every secret shape and every known secret value replaced. */
    public static String text(String text, Collection<String> knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = wherever(text, knownSecrets);
        out = AUTH_HEADER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MARK));
        out = NAMED_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + (m.group(2).startsWith("\"") ? "\"" + MARK + "\"" : MARK)));
        return out;
    }

    /**
     * What is a secret wherever it stands: the known secret values (longest first, so one that contains another goes
     * whole), private key blocks, JWTs and Bearer/Basic credentials. {@link #text} and the "Copy details" report
     * ({@code details.ErrorDetails}) each add the rules for names and headers that suit what they keep.
     */
    public static String wherever(String text, Collection<String> knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> known = knownSecrets == null ? List.of() : knownSecrets.stream()
                .filter(s -> s != null && s.strip().length() >= 3)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : known) {
            out = out.replace(secret, MARK);
            String stripped = secret.strip();
            if (!stripped.equals(secret)) {
                out = out.replace(stripped, MARK);
            }
        }
        out = PRIVATE_KEY.matcher(out).replaceAll(MARK);
        out = JWT.matcher(out).replaceAll(MARK);
        return BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MARK));
    }

    /** A copy of the map with the value of every secret-named field replaced by {@code replacement}. */
    public static Map<String, Object> fields(Map<String, ?> fields, String replacement) {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, isSecretName(k) ? replacement : v));
        return copy;
    }
}
