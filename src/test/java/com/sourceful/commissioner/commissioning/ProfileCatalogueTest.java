package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sourceful.commissioner.commissioning.ProfileCatalogue.Profile;
import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.ConnectionTypeSpec.Parameter;
import com.sourceful.commissioner.zap.ZapDevice;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in profile, over every connection type it offers, has a consistent schema, defaults and hint. */
class ProfileCatalogueTest {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("com.sourceful.commissioner.ui.messages", Locale.ROOT);

    static Stream<Arguments> profileConnections() {
        List<Arguments> out = new ArrayList<>();
        for (Profile p : ProfileCatalogue.builtIn()) {
            for (String type : p.connectionTypes()) {
                out.add(Arguments.of(p.id(), type));
            }
        }
        return out.stream();
    }

    private static ConnectionTypeSpec schema(String type) {
        return ConnectionSchemas.builtIn().stream().filter(s -> s.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no built-in schema for " + type));
    }

    private static List<Parameter> formFields(String type) {
        return schema(type).parameters().stream().filter(p -> !p.name().equals("profile")).toList();
    }

    @Test
    void coversAllTenProfilesAndTheirConnectionTypes() {
        assertThat(ProfileCatalogue.builtIn()).extracting(Profile::id).containsExactly(
                "sungrow", "solis", "deye", "sma", "huawei", "fronius", "solaredge", "p1_meter", "ambibox", "ferroamp");
        assertThat(profileConnections()).hasSize(14);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("profileConnections")
    void schemaFieldsHaveLabelsAndValidDefaults(String profile, String type) {
        List<Parameter> fields = formFields(type);
        assertThat(fields).isNotEmpty();
        for (Parameter f : fields) {
            assertThat(BUNDLE.containsKey("field." + f.name())).as("label field." + f.name()).isTrue();
            String text = FieldRules.defaultText(f.defaultValue());
            assertThat(FieldRules.check(type, f.name(), f.type(), f.required(), text))
                    .as("%s/%s default %s=%s", profile, type, f.name(), text)
                    .satisfiesAnyOf(
                            p -> assertThat(p).isEmpty(),
                            // a required field without a default (ip, broker_host) is "required" until typed
                            p -> assertThat(f.required() && text.isEmpty()).isTrue());
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("profileConnections")
    void vendorDefaultsAreSchemaFieldsAndPassTheRules(String profile, String type) {
        Map<String, String> defaults = ProfileCatalogue.vendorDefaults(profile, type);
        Map<String, Parameter> fields = formFields(type).stream().collect(Collectors.toMap(Parameter::name, p -> p));
        assertThat(fields.keySet()).containsAll(defaults.keySet());
        defaults.forEach((name, text) -> {
            Parameter f = fields.get(name);
            assertThat(FieldRules.check(type, name, f.type(), f.required(), text)).as("%s/%s %s=%s", profile, type, name, text)
                    .isEmpty();
        });
        assertThat(defaults.keySet()).as("never pre-fill a password or the device address").doesNotContain("password", "ip",
                "broker_host");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("profileConnections")
    void hintKeyExistsAndIsOneSentenceWithoutArguments(String profile, String type) {
        String key = ProfileCatalogue.hintKey(profile, type).orElseThrow();
        assertThat(key).isEqualTo("hint." + profile + "." + type);
        assertThat(BUNDLE.containsKey(key)).as(key).isTrue();
        String hint = BUNDLE.getString(key);
        assertThat(hint).isNotBlank().endsWith(".").doesNotContain("{0").doesNotContain("''");
        assertThat(hint.length()).as(key).isLessThan(240);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("profileConnections")
    void everyEntryCitesItsSource(String profile, String type) {
        assertThat(ProfileCatalogue.source(profile, type)).hasValueSatisfying(s -> assertThat(s).isNotBlank());
    }

    @Test
    void vendorValuesFromTheManuals() {
        assertThat(ProfileCatalogue.vendorDefaults("solaredge", "modbus_tcp")).containsEntry("port", "1502").containsEntry("unit_id", "1");
        assertThat(ProfileCatalogue.vendorDefaults("sma", "modbus_tcp")).containsEntry("port", "502").containsEntry("unit_id", "3");
        assertThat(ProfileCatalogue.vendorDefaults("ferroamp", "mqtt")).containsEntry("broker_port", "1883")
                .containsEntry("username", "extapi");
        assertThat(ProfileCatalogue.vendorDefaults("ambibox", "mqtt")).containsEntry("broker_port", "1884")
                .containsEntry("username", "external-ems");
        assertThat(ProfileCatalogue.vendorDefaults("p1_meter", "p1_uart")).containsEntry("baud_rate", "115200")
                .containsEntry("data_bits", "8").containsEntry("parity", "none").containsEntry("stop_bits", "1");
        // RTU parity is the Zap's integer code (0 none), never a word
        assertThat(ProfileCatalogue.vendorDefaults("solis", "modbus_rtu")).containsEntry("parity", "0");
        // Not confirmed: no port is guessed for Huawei (502 via SDongle, 6607 on its own WLAN) nor for Solis/Deye TCP
        assertThat(ProfileCatalogue.vendorDefaults("huawei", "modbus_tcp")).doesNotContainKey("port");
        assertThat(ProfileCatalogue.vendorDefaults("solis", "modbus_tcp")).isEmpty();
        assertThat(ProfileCatalogue.vendorDefaults("deye", "modbus_tcp")).isEmpty();
    }

    @Test
    void hintsGiveTheNextStep() {
        assertThat(BUNDLE.getString("hint.solaredge.modbus_tcp")).contains("SetApp", "Modbus TCP", "1502");
        assertThat(BUNDLE.getString("hint.sma.modbus_tcp")).contains("unit id 3");
        assertThat(BUNDLE.getString("hint.ferroamp.mqtt")).contains("1883", "extapi");
        assertThat(BUNDLE.getString("hint.ambibox.mqtt")).contains("1884", "external-ems");
    }

    @Test
    void unknownProfileOrUnofferedConnectionTypeHasNothing() {
        assertThat(ProfileCatalogue.vendorDefaults("acme", "modbus_tcp")).isEmpty();
        assertThat(ProfileCatalogue.hintKey("acme", "modbus_tcp")).isEmpty();
        assertThat(ProfileCatalogue.vendorDefaults("solaredge", "modbus_rtu")).isEmpty();
        assertThat(ProfileCatalogue.hintKey("sma", "mqtt")).isEmpty();
        assertThat(ProfileCatalogue.vendorDefaults(null, null)).isEmpty();
        assertThat(ProfileCatalogue.hintKey(null, "mqtt")).isEmpty();
    }

    @Test
    void aDeviceTheZapHasIsOfTheProfileItsConfigNames_aP1PortOfTheP1Meters() {
        assertThat(ProfileCatalogue.profileOf(listed(Map.of("type", "modbus_tcp", "profile", "sma")))).isEqualTo("sma");
        assertThat(ProfileCatalogue.profileOf(listed(Map.of("type", "p1_uart")))).isEqualTo("p1_meter");
        assertThat(ProfileCatalogue.profileOf(listed(Map.of("type", "p1_uart", "profile", "acme")))).isEqualTo("acme");
        assertThat(ProfileCatalogue.profileOf(listed(Map.of("type", "modbus_tcp")))).isEmpty();
        assertThat(ProfileCatalogue.profileOf(listed(Map.of()))).isEmpty();
    }

    private static ZapDevice listed(Map<String, Object> config) {
        return new ZapDevice("ZAP-DEV-1", config, true, OptionalLong.empty(), List.of());
    }

    @Test
    void vendorDefaultsAreReadOnly() {
        Map<String, String> d = ProfileCatalogue.vendorDefaults("solaredge", "modbus_tcp");
        Assertions.assertThatThrownBy(() -> d.put("port", "1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyHintKeyInTheBundleBelongsToAProfile() {
        Set<String> known = profileConnections().map(a -> "hint." + a.get()[0] + "." + a.get()[1])
                .collect(Collectors.toCollection(HashSet::new));
        ProfileCatalogue.builtIn().forEach(p -> ProfileCatalogue.controlHintKey(p.id()).ifPresent(known::add));
        assertThat(BUNDLE.keySet().stream().filter(k -> k.startsWith("hint.")).toList()).allSatisfy(k -> assertThat(known).contains(k));
    }

    /** The profiles a document was found for: what makes them accept external control, or what overrides it. */
    private static final Set<String> CONTROL_HINTED = Set.of("sungrow", "deye", "sma", "huawei", "fronius", "solaredge",
            "ferroamp");

    static Stream<String> profiles() {
        return ProfileCatalogue.builtIn().stream().map(Profile::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void aControlHintIsGivenExactlyWhereASourceNamesOne(String profile) {
        if (CONTROL_HINTED.contains(profile)) {
            assertThat(ProfileCatalogue.controlHintKey(profile)).contains("hint.control." + profile);
            assertThat(ProfileCatalogue.controlSource(profile)).hasValueSatisfying(s -> assertThat(s).isNotBlank());
        } else {
            // solis (no setting named by any document found), p1_meter (a meter), ambibox (no public document)
            assertThat(ProfileCatalogue.controlHintKey(profile)).isEmpty();
            assertThat(ProfileCatalogue.controlSource(profile)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void aControlHintIsInBothLanguagesAsOneParagraphWithoutArguments(String profile) throws IOException {
        Properties english = load("messages.properties");
        Properties swedish = load("messages_sv.properties");
        ProfileCatalogue.controlHintKey(profile).ifPresent(key -> {
            for (Properties bundle : List.of(english, swedish)) {
                String hint = bundle.getProperty(key);
                assertThat(hint).as(key).isNotBlank().endsWith(".").doesNotContain("{").doesNotContain("''");
                assertThat(hint.length()).as(key).isLessThan(300);
                assertThat(hint).as(key).startsWith(ProfileCatalogue.find(profile).orElseThrow().manufacturer() + ":");
            }
        });
    }

    @Test
    void controlHintsNameTheSettingToChange() {
        assertThat(BUNDLE.getString("hint.control.solaredge")).contains("Storage Control Mode", "Remote", "0xE004");
        assertThat(BUNDLE.getString("hint.control.fronius"))
                .contains("Inverter control via Modbus", "Restrict the control");
        assertThat(BUNDLE.getString("hint.control.huawei")).contains("Modbus-TCP", "Unrestricted", "Restricted");
        assertThat(BUNDLE.getString("hint.control.sma")).contains("Modbus", "Sunny Home Manager");
        assertThat(BUNDLE.getString("hint.control.sungrow")).contains("EMS", "WiNet-S");
        assertThat(BUNDLE.getString("hint.control.deye")).contains("Time of Use", "146");
        assertThat(BUNDLE.getString("hint.control.ferroamp")).contains("FCR");
    }

    @Test
    void anUnknownProfileHasNoControlHint() {
        assertThat(ProfileCatalogue.controlHintKey("acme")).isEmpty();
        assertThat(ProfileCatalogue.controlHintKey("")).isEmpty();
        assertThat(ProfileCatalogue.controlHintKey(null)).isEmpty();
        assertThat(ProfileCatalogue.controlSource("acme")).isEmpty();
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProfileCatalogueTest.class.getResourceAsStream("/com/sourceful/commissioner/ui/" + file);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
