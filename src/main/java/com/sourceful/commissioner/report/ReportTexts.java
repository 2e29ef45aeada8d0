package com.sourceful.commissioner.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The report's texts: the app's message bundle in the language the app shows, handed in by the UI. */
public record ReportTexts(ResourceBundle bundle, Locale locale) {

    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** A text if the bundle has it, else {@code fallback} (for ids from a newer firmware). */
    public String getOr(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }
}
