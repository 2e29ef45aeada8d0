package com.sourceful.commissioner.ui.common;

import java.math.RoundingMode;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * All user-visible text comes from here (and from FXML {@code %keys}, which use the same bundle).
 *
 * <p>Two languages: English ({@code messages.properties}) and Swedish ({@code messages_sv.properties}), both read as
 * UTF-8 (the default for property bundles since Java 9). The language follows the OS (Swedish when the default
 * locale's language is {@code sv}, else English) unless {@link #setLanguage} overrides it ({@code --lang}).
 */
public final class Messages {

    public static final String BUNDLE = "com.sourceful.commissioner.ui.messages";

    /** The languages the app has texts for, as {@code --lang} spells them. */
    public static final List<String> LANGUAGES = List.of("en", "sv");

    /** No fallback to the default locale: with {@code --lang en} on a Swedish OS the English base bundle is meant. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static volatile String override;

    private Messages() {
    }

    /**
     * Overrides the OS language: {@code "en"} or {@code "sv"}; {@code null} follows the OS again.
     *
     * @throws IllegalArgumentException for any other language
     */
    public static void setLanguage(String language) {
        if (language != null && !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("unknown language " + language + ": use one of " + LANGUAGES);
        }
        override = language;
    }

    /** The language in use: {@code "sv"} or {@code "en"}. */
    public static String language() {
        String o = override;
        if (o != null) {
            return o;
        }
        return "sv".equals(Locale.getDefault().getLanguage()) ? "sv" : "en";
    }

    /** The locale of the language in use; the OS locale (for its number format) when it has that language. */
    public static Locale locale() {
        String lang = language();
        Locale def = Locale.getDefault();
        if (lang.equals(def.getLanguage())) {
            return def;
        }
        return lang.equals("sv") ? Locale.forLanguageTag("sv-SE") : Locale.ENGLISH;
    }

    /** Parses a {@code --lang} value. */
    public static Optional<String> parseLanguage(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(v) ? Optional.of(v) : Optional.empty();
    }

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, language().equals("sv") ? Locale.forLanguageTag("sv") : Locale.ENGLISH,
                CONTROL);
    }

    /**
     * A number with exactly {@code decimals} decimals as the language writes it, like the message patterns do: in
     * Swedish "12 345,7" (a non-breaking space) and "−3,21" (a real minus sign), in English "12,345.7" and "-3.21".
     */
    public static String decimal(double value, int decimals) {
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        // As String.format rounded before: 0.125 kW shows as 0.13, not 0.12.
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    /** A text if the bundle has it, else {@code fallback} (for ids from a newer firmware or Novacore). */
    public static String getOr(String key, String fallback) {
        return bundle().containsKey(key) ? bundle().getString(key) : fallback;
    }

    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            // Visible in the UI and caught by the bundle test, rather than a crash in front of a customer.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
    }
}
