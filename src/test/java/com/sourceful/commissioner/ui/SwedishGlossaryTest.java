package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * One term per thing in the Swedish texts (app and report share the bundle), Swedish typography, real plurals, and
 * the same placeholders and mnemonics as the English text. A failure names the key, its value and the rule broken, so
 * whoever adds a key can fix it from the message alone.
 */
class SwedishGlossaryTest {

    private static final String DIR = "/com/sourceful/commissioner/ui/";
    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");
    private static final Pattern MNEMONIC = Pattern.compile("_(?=\\S)");

    /** A pattern no Swedish value may contain, and what to write instead. */
    private record Rule(Pattern forbidden, String advice) {
        static Rule of(String regex, int flags, String advice) {
            return new Rule(Pattern.compile(regex, flags), advice);
        }
    }

    private static final List<Rule> RULES = List.of(
            Rule.of("(?<!\\p{L})teck\\p{L}*", CI,
                    "the sign of a value is ”förtecken” (förtecknet, förteckenkonvention), never ”tecken”"),
            Rule.of("unit[ -]?id", CI, "the Modbus unit id is ”Modbus-adress”"),
            Rule.of("(?<!\\p{L})slav", CI, "the Modbus slave address is ”Modbus-adress”"),
            Rule.of("enhets-ID", 0, "”enhets-id” is Novacore's device id; the Modbus unit id is ”Modbus-adress”"),
            Rule.of("laddare", CI, "a charger is a ”laddbox” (V2X-laddbox, laddboxens)"),
            Rule.of("begäran|begärand", CI, "a request is a ”förfrågan” (förfrågningar)"),
            Rule.of("lasttest|lastprov|provlast", CI, "the load test is ”belastningstest”"),
            Rule.of("preflight|förhandskontroll|förtest", CI, "the preflight is ”förkontroll”"),
            Rule.of("(?<!\\p{L})läge(?!\\p{L})", CI, "Novacore's state (and an outbox entry's) is ”Status”"),
            Rule.of("DER:\\p{L}", 0, "write plain ”DER”, also in the plural (”två DER”), not DER:er or DER:ar"),
            Rule.of("P1-port", CI, "the meter port is ”P1/HAN-port”"),
            Rule.of("[\"“„]", 0, "Swedish quotes are ”…” (the same mark on both sides), not straight or English ones"),
            Rule.of(" - |—", 0, "a dash in a sentence is a spaced en dash ” – ”"),
            Rule.of("\\p{L}\\((?:er|ar|or|r|n|na|en|s)\\)", CI,
                    "no plural hack like ”enhet(er)”: use {n,choice,1#en enhet|1<{n,number,integer} enheter}"),
            Rule.of("\\{\\d+,number,#\\}\\s?k?Wh?(?!\\p{L})", 0,
                    "format watts with {n,number,integer} so that 2 000 W gets its thousands space"),
            Rule.of("(?<![\\p{L}\\d.,:])\\d{4,}\\s?k?Wh?(?!\\p{L})", 0,
                    "write watts with a (non-breaking, \\u00a0) space as thousands separator: 2 000 W"),
            Rule.of("(?<![\\p{L}\\d.,:/])\\d{5,}(?![\\d.])", 0,
                    "group numbers of five digits or more with a (non-breaking, \\u00a0) space: 115 200"),
            Rule.of("[\\d}] (?:k?Wh?|Hz|s|%)(?!\\p{L})", 0,
                    "hold a number and its unit together with a non-breaking space (\\u00a0): 2 000\\u00a0W, 30\\u00a0s"));

    /** "enhets-id" is reserved for Novacore's device id: only where the English says "device id", not about Modbus. */
    private static final Pattern DEVICE_ID_SV = Pattern.compile("enhets-?id", CI);
    private static final Pattern DEVICE_ID_EN = Pattern.compile("device id", CI);
    private static final Pattern MODBUS = Pattern.compile("modbus|unit id|slave", CI);

    private final Properties english = load("messages.properties");
    private final Properties swedish = load("messages_sv.properties");

    SwedishGlossaryTest() throws IOException {
    }

    @Test
    void everySwedishTextKeepsToTheGlossaryAndSwedishTypography() {
        List<String> broken = new ArrayList<>();
        for (String key : new TreeSet<>(swedish.stringPropertyNames())) {
            String sv = swedish.getProperty(key);
            String en = english.getProperty(key, "");
            for (Rule rule : RULES) {
                Matcher m = rule.forbidden().matcher(sv);
                if (m.find()) {
                    broken.add(failure(key, sv, "”" + m.group() + "”: " + rule.advice()));
                }
            }
            if (DEVICE_ID_SV.matcher(sv).find() && (!DEVICE_ID_EN.matcher(en).find() || MODBUS.matcher(en).find())) {
                broken.add(failure(key, sv, "”enhets-id” only for Novacore's device id (English: ”device id”)"));
            }
        }
        assertThat(broken).withFailMessage("%s", broken.size() + " Swedish texts break the glossary:\n"
                + String.join("\n", broken)).isEmpty();
    }

    @Test
    void everySwedishTextHasTheEnglishPlaceholdersAndMnemonic() {
        List<String> broken = new ArrayList<>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            String en = english.getProperty(key);
            String sv = swedish.getProperty(key);
            if (sv == null) {
                broken.add(failure(key, "(missing)", "every English key needs a Swedish text"));
                continue;
            }
            if (!arguments(sv).equals(arguments(en))) {
                broken.add(failure(key, sv, "placeholders " + arguments(sv) + " but English has " + arguments(en)));
            }
            if (count(MNEMONIC, sv) != count(MNEMONIC, en)) {
                broken.add(failure(key, sv, "mnemonics (”_” before a letter): " + count(MNEMONIC, sv)
                        + ", English has " + count(MNEMONIC, en)));
            }
        }
        assertThat(broken).withFailMessage("%s", String.join("\n", broken)).isEmpty();
    }

    @Test
    void englishHasNoPluralHacksEither() {
        List<String> broken = new ArrayList<>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            String en = english.getProperty(key);
            if (Pattern.compile("\\p{L}\\((?:s|es)\\)").matcher(en).find()) {
                broken.add(failure(key, en,
                        "no ”device(s)”: use {n,choice,1#one device|1<{n,number,integer} devices}"));
            }
        }
        assertThat(broken).withFailMessage("%s", String.join("\n", broken)).isEmpty();
    }

    @Test
    void swedishNumbersHaveAThousandsSpaceAndRealPlurals() {
        Locale sv = Locale.forLanguageTag("sv-SE");
        assertThat(new MessageFormat(swedish.getProperty("verify.load.watching"), sv).format(new Object[] {2000, "L1"}))
                .contains("2\u00a0000\u00a0W");
        assertThat(new MessageFormat(swedish.getProperty("report.ders.rated"), sv).format(new Object[] {10000}))
                .isEqualTo("märkeffekt 10\u00a0000\u00a0W");
        String rejected = swedish.getProperty("find.none.rejected");
        assertThat(new MessageFormat(rejected, sv).format(new Object[] {1}))
                .isEqualTo("• En enhet svarade men är ingen Zap.");
        assertThat(new MessageFormat(rejected, sv).format(new Object[] {3}))
                .isEqualTo("• 3 enheter svarade men är inte Zappar.");
        String added = swedish.getProperty("add.status.added");
        assertThat(new MessageFormat(added, sv).format(new Object[] {"SG1", 1}))
                .isEqualTo("Tillagd som SG1 med en DER.");
        assertThat(new MessageFormat(added, sv).format(new Object[] {"SG1", 3}))
                .isEqualTo("Tillagd som SG1 med 3 DER.");
    }

    private static String failure(String key, String value, String rule) {
        return "  " + key + " = " + value + "\n      → " + rule;
    }

    private static Set<Integer> arguments(String text) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SwedishGlossaryTest.class.getResourceAsStream(DIR + name);
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
