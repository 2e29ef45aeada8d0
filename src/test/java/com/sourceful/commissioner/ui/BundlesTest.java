package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.sourceful.commissioner.ui.common.Messages;

/** English and Swedish are complete: the same keys, the same arguments, and the Swedish is really Swedish. */
class BundlesTest {

    private static final String DIR = "/com/sourceful/commissioner/ui/";
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    /** Keys whose text is the same in both languages, and why. */
    private static final Set<String> SAME_IN_BOTH = Set.of(
            "app.title",                    // the product's name
            "wizard.demo",                  // DEMO reads the same in Swedish
            "find.col.firmware", "find.col.wifi", "find.col.internet", // loan words used as is in Swedish
            "find.source.mdns", "find.source.zap_local", // protocol and host names
            "conn.mqtt", "add.scan.protocol.modbus_tcp", // protocol names
            "field.port", "provision.token", "provision.env", "done.gateway", // same word in Swedish
            "provision.env.test", "provision.der.novacoreType", "value.status",
            "der.sign.meter",               // (+ import, − export): the same words in Swedish
            "done.der",                     // "DER {0} ({1})": an abbreviation and arguments only
            "report.ders.der",              // DER: the abbreviation, plain in Swedish too
            "report.removed.zap",           // the product's name
            "report.section.zap",           // "Zap {0}": the product's name and a serial
            "prepare.health.fact.firmware", "prepare.health.fact.internet", // loan words, as find.col.*
            "prepare.health.a11y.line",     // "{0}: {1}. {2}. {3}": arguments only
            "visit.overview.zap",           // "Zap {0}": the product's name
            "visit.overview.device", "visit.overview.go.accessible", // arguments only
            "visit.return.firmware",        // "Firmware {0} → {1}": a loan word, as find.col.firmware
            "visit.return.reconfigured",    // "{0}: {1} → {2}": arguments only
            "visit.return.date",            // "d MMM yyyy": a date pattern, its month names from the locale
            "visit.finish.leftZap", "visit.finish.leftDevice", // "Zap {0}: {1}", "{0}: {1}": as visit.overview.*
            "visit.health.firmware",        // loan word, as find.col.firmware
            "language.en", "language.sv");  // each language is named in its own language

    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
        Messages.setLanguage(null);
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        Properties en = load("messages.properties");
        Properties sv = load("messages_sv.properties");
        assertThat(new TreeSet<>(sv.stringPropertyNames())).as("keys in Swedish")
                .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        assertThat(en.stringPropertyNames()).hasSizeGreaterThan(300);
    }

    @Test
    void noTextIsBlankAndArgumentsMatch() throws IOException {
        Properties en = load("messages.properties");
        Properties sv = load("messages_sv.properties");
        for (String key : new TreeSet<>(en.stringPropertyNames())) {
            assertThat(en.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(sv.getProperty(key)).as("sv " + key).isNotBlank();
            assertThat(arguments(sv.getProperty(key))).as("arguments of " + key).isEqualTo(arguments(en.getProperty(key)));
        }
    }

    @Test
    void swedishDiffersFromEnglishExceptForAFewWords() throws IOException {
        Properties en = load("messages.properties");
        Properties sv = load("messages_sv.properties");
        List<String> same = new ArrayList<>();
        for (String key : new TreeSet<>(en.stringPropertyNames())) {
            if (en.getProperty(key).equals(sv.getProperty(key))) {
                same.add(key);
            }
        }
        assertThat(same).as("texts left in English in messages_sv.properties").isSubsetOf(SAME_IN_BOTH);
    }

    @Test
    void swedishLettersSurviveTheRoundTrip() {
        // Property bundles are read as UTF-8 since Java 9; an ISO-8859-1 read would turn ä into two characters.
        Locale.setDefault(Locale.forLanguageTag("sv-SE"));
        assertThat(Messages.language()).isEqualTo("sv");
        assertThat(Messages.get("wizard.next")).isEqualTo("Nästa");
        assertThat(Messages.get("add.conflict.open")).isEqualTo("Öppna den enheten");
        assertThat(Messages.get("provision.outbox.title")).isEqualTo("Utkorg");
        assertThat(Messages.get("provision.hardware")).isEqualTo("Hårdvaru-id").doesNotContain("Ã");
        assertThat(Messages.get("find.sweep.progress", 3, 254)).isEqualTo("Skannar: 3 av 254 adresser");
    }

    @Test
    void theLanguageFollowsTheOsUnlessOverridden() {
        Locale.setDefault(Locale.forLanguageTag("sv-FI"));
        assertThat(Messages.get("wizard.back")).isEqualTo("Tillbaka");
        Locale.setDefault(Locale.GERMANY);
        assertThat(Messages.language()).isEqualTo("en");
        assertThat(Messages.get("wizard.back")).isEqualTo("Back");

        Messages.setLanguage("sv");
        assertThat(Messages.get("wizard.back")).isEqualTo("Tillbaka");
        Locale.setDefault(Locale.forLanguageTag("sv-SE"));
        Messages.setLanguage("en");
        // No fallback to the Swedish OS locale when English is asked for.
        assertThat(Messages.get("wizard.back")).isEqualTo("Back");
        Messages.setLanguage(null);
        assertThat(Messages.get("wizard.back")).isEqualTo("Tillbaka");
    }

    @Test
    void onlyKnownLanguagesAreAccepted() {
        assertThat(Messages.parseLanguage("SV")).contains("sv");
        assertThat(Messages.parseLanguage("en")).contains("en");
        assertThat(Messages.parseLanguage("de")).isEmpty();
        assertThat(Messages.parseLanguage("")).isEmpty();
    }

    private static Set<Integer> arguments(String text) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream(DIR + name);
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
