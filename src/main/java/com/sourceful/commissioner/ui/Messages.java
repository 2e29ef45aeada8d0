package com.sourceful.commissioner.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** All user-visible text comes from here (and from FXML {@code %keys}, which use the same bundle). */
public final class Messages {

    public static final String BUNDLE = "com.sourceful.commissioner.ui.messages";

    private Messages() {
    }

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
    }

    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            // Visible in the UI and caught by the bundle test, rather than a crash in front of a customer.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
