package com.sourceful.commissioner.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sourceful.commissioner.commissioning.ConnectionSchemas;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.report.ControlCheckText;
import com.sourceful.commissioner.report.ReportTexts;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.VisitProgress;
import com.sourceful.commissioner.zap.DerType;

import org.junit.jupiter.api.Test;

/** Every text the UI asks for exists, and every pattern with arguments is valid. */
class MessagesTest {

    private static final Path MAIN = Path.of("src/main");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private final ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, Locale.ROOT, NO_FALLBACK);
    private final ResourceBundle swedish = ResourceBundle.getBundle(Messages.BUNDLE, Locale.forLanguageTag("sv"), NO_FALLBACK);

    @Test
    void everyKeyUsedInFxmlExists() throws IOException {
        List<String> keys = matches(MAIN.resolve("resources"), ".fxml", Pattern.compile("\"%([a-zA-Z0-9_.]+)\""));
        assertThat(keys).isNotEmpty();
        assertThat(keys).allSatisfy(k -> assertThat(bundle.containsKey(k)).as(k).isTrue());
    }

    @Test
    void everyLiteralKeyUsedInCodeExists() throws IOException {
        // Keys ending in "." are prefixes of composed keys, checked in everyComposedKeyExists.
        List<String> keys = matches(MAIN.resolve("java"), ".java", Pattern.compile("Messages\\.get\\(\"([a-zA-Z0-9_.]*[a-zA-Z0-9_])\"[,)]"));
        assertThat(keys).hasSizeGreaterThan(50);
        assertThat(keys).allSatisfy(k -> assertThat(bundle.containsKey(k)).as(k).isTrue());
    }

    @Test
    void everyComposedKeyExists() {
        List<String> keys = new ArrayList<>();
        for (WizardViewModel.Step s : WizardViewModel.Step.values()) {
            keys.add("wizard.step." + s.name().toLowerCase(Locale.ROOT));
        }
        for (FoundZap.Source s : FoundZap.Source.values()) {
            keys.add("find.source." + s.name().toLowerCase(Locale.ROOT));
        }
        for (NovacoreEnvironment e : NovacoreEnvironment.values()) {
            keys.add("provision.env." + e.name().toLowerCase(Locale.ROOT));
        }
        for (ProfileCatalogue.Group g : ProfileCatalogue.Group.values()) {
            keys.add("group." + g.zapGroup());
        }
        for (DerType d : DerType.values()) {
            keys.add("der." + d.id());
        }
        ConnectionSchemas.builtIn().forEach(spec -> {
            keys.add("conn." + spec.type());
            spec.parameters().stream().filter(p -> !p.name().equals("profile")).forEach(p -> keys.add("field." + p.name()));
        });
        for (String t : ProvisionViewModel.DEVICE_TYPES) {
            keys.add("provision.deviceType." + t);
        }
        for (VisitProgress.State s : VisitProgress.State.values()) {
            keys.add("visit.state." + s.name().toLowerCase(Locale.ROOT));
        }
        for (VisitProgress.Left l : VisitProgress.Left.values()) {
            keys.add("visit.left." + l.name().toLowerCase(Locale.ROOT));
            keys.add("visit.overview.go." + l.finishedOn().name().toLowerCase(Locale.ROOT));
        }
        // A control check's verdict in words (report.ControlCheckText): every outcome, every limit a partial verdict
        // names, the stops that end a check early, and the DER each action watches.
        for (ControlResult.Outcome o : ControlResult.Outcome.values()) {
            keys.add("control.result." + o.name().toLowerCase(Locale.ROOT));
        }
        for (ControlResult.Limited l : ControlResult.Limited.values()) {
            if (l != ControlResult.Limited.NONE) {
                keys.add("control.limited." + l.name().toLowerCase(Locale.ROOT));
            }
        }
        for (ControlResult.Stop s : List.of(ControlResult.Stop.IMPORT_LIMIT, ControlResult.Stop.SOC_LIMIT)) {
            keys.add("control.stop." + s.name().toLowerCase(Locale.ROOT));
        }
        for (ControlAction a : ControlAction.values()) {
            keys.add("control.der." + a.derType());
        }
        assertThat(keys).contains("control.der.battery", "control.der.pv");
        for (VisitProgress.Step s : VisitProgress.Step.values()) {
            assertThat(WizardViewModel.Step.valueOf(s.name())).as("the wizard has the step " + s).isNotNull();
        }
        assertThat(keys).allSatisfy(k -> assertThat(bundle.containsKey(k)).as(k).isTrue());
    }

    /**
     * Every action, verdict, limit and stop of a control check in words, in both languages: no text missing. (A partial
     * verdict always names what held it back: ControlJudge never makes one with {@code Limited.NONE}.)
     */
    @Test
    void everyControlCheckIsSaidInBothLanguages() {
        for (ResourceBundle b : List.of(bundle, swedish)) {
            ReportTexts texts = new ReportTexts(b, b.getLocale());
            for (ControlAction a : ControlAction.values()) {
                for (ControlResult.Outcome o : ControlResult.Outcome.values()) {
                    for (ControlResult.Stop s : ControlResult.Stop.values()) {
                        for (ControlResult.Limited l : ControlResult.Limited.values()) {
                            ControlResult r = new ControlResult("zap-1", "SN1", a, 1000, 30, o, s, l, 10,
                                    OptionalDouble.of(900), OptionalDouble.of(5), OptionalDouble.of(880),
                                    OptionalDouble.of(20), OptionalDouble.of(0.5), OptionalDouble.of(0.6), 9,
                                    Instant.EPOCH, Instant.EPOCH, Optional.of("x"), false, Optional.of("y"));
                            String said = ControlCheckText.asked(r, texts) + ControlCheckText.verdict(r, texts)
                                    + ControlCheckText.release(r, texts);
                            assertThat(said).as(b.getLocale() + " " + a + " " + o + " " + s + " " + l)
                                    .doesNotContain("!control.").doesNotContain("NaN").doesNotContain("\uFFFD");
                            if (o == ControlResult.Outcome.READINGS_DISAGREE) {
                                continue; // the judge says so only with a meter: its numbers are the meter's
                            }
                            // No meter, no SoC, no time to follow: nothing unmeasured is printed as a number.
                            ControlResult bare = new ControlResult("zap-1", "SN1", a, 1000, 30, o, s, l, 10,
                                    OptionalDouble.of(900), OptionalDouble.empty(), OptionalDouble.empty(),
                                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 9,
                                    Instant.EPOCH, Instant.EPOCH, Optional.empty(), true, Optional.empty());
                            if (l == ControlResult.Limited.SOC || s == ControlResult.Stop.SOC_LIMIT) {
                                continue; // a SoC limit comes only from a battery that reports its SoC
                            }
                            assertThat(ControlCheckText.verdict(bare, texts)).as("bare " + b.getLocale() + " " + a
                                    + " " + o + " " + s + " " + l).doesNotContain("NaN").doesNotContain("\uFFFD");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSwedishBundleIsNotJustTheEnglishOne() {
        assertThat(swedish.getLocale().getLanguage()).isEqualTo("sv");
        assertThat(swedish.getString("wizard.next")).isEqualTo("Nästa");
    }

    @Test
    void patternsWithArgumentsAreValidMessageFormats() {
        check(bundle);
    }

    @Test
    void swedishPatternsWithArgumentsAreValidMessageFormats() {
        check(swedish);
    }

    private static void check(ResourceBundle bundle) {
        String lang = bundle.getLocale().getLanguage().isEmpty() ? "en" : bundle.getLocale().getLanguage();
        for (String key : new TreeSet<>(bundle.keySet())) {
            String pattern = bundle.getString(key);
            if (pattern.contains("{0")) {
                assertThat(new MessageFormat(pattern, Locale.ROOT).format(new Object[] {1, 2, 3, 4})).as(lang + " " + key).isNotBlank();
                assertThat(pattern.replace("''", "")).as(lang + " " + key + ": in a pattern with arguments an apostrophe is written ''")
                        .doesNotContain("'");
            } else {
                assertThat(pattern).as(lang + " " + key + ": a text without arguments is shown as written, so '' would show twice")
                        .doesNotContain("''");
            }
        }
    }

    private static List<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
