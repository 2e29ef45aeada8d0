package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.sourceful.commissioner.commissioning.FieldRules.Problem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

    private static Optional<String> problem(String type, String field, String fieldType, String text) {
        return FieldRules.check(type, field, fieldType, false, text).map(Problem::key);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
            "port, 0, field.problem.range", "port, 1, ''", "port, 65535, ''", "port, 65536, field.problem.range",
            "port, 502x, field.problem.whole",
            "unit_id, -1, field.problem.range", "unit_id, 0, ''", "unit_id, 247, ''", "unit_id, 248, field.problem.range",
            "broker_port, 0, field.problem.range", "broker_port, 1884, ''", "broker_port, 65536, field.problem.range"})
    void ranges(String field, String text, String expected) {
        String type = field.equals("broker_port") ? "mqtt" : "modbus_tcp";
        assertThat(problem(type, field, "int", text)).isEqualTo(Optional.ofNullable(expected.isEmpty() ? null : expected));
    }

    @Test
    void rangeProblemCarriesTheBounds() {
        assertThat(FieldRules.check("modbus_tcp", "port", "int", false, "0")).hasValueSatisfying(p -> {
            assertThat(p.key()).isEqualTo("field.problem.range");
            assertThat(p.args()).containsExactly(1, 65535);
        });
        assertThat(FieldRules.check("modbus_tcp", "unit_id", "int", false, "248"))
                .hasValueSatisfying(p -> assertThat(p.args()).containsExactly(0, 247));
    }

    @Test
    void p1AllowedValues() {
        for (String ok : new String[] {"none", "even", "odd"}) {
            assertThat(problem("p1_uart", "parity", "string", ok)).as(ok).isEmpty();
        }
        assertThat(problem("p1_uart", "parity", "string", "0")).contains("field.problem.choice");
        assertThat(problem("p1_uart", "parity", "string", "mark")).contains("field.problem.choice");
        for (String ok : new String[] {"5", "6", "7", "8"}) {
            assertThat(problem("p1_uart", "data_bits", "int", ok)).as(ok).isEmpty();
        }
        assertThat(problem("p1_uart", "data_bits", "int", "4")).contains("field.problem.choice");
        assertThat(problem("p1_uart", "data_bits", "int", "9")).contains("field.problem.choice");
        for (String ok : new String[] {"1", "1.5", "2"}) {
            assertThat(problem("p1_uart", "stop_bits", "int", ok)).as(ok).isEmpty();
        }
        assertThat(problem("p1_uart", "stop_bits", "int", "3")).contains("field.problem.choice");
        assertThat(FieldRules.choices("p1_uart", "parity")).containsExactly("none", "even", "odd");
        assertThat(FieldRules.choices("p1_uart", "stop_bits")).containsExactly("1", "1.5", "2");
    }

    @Test
    void rtuParityIsTheZapsIntegerCode() {
        for (String ok : new String[] {"0", "1", "2"}) {
            assertThat(problem("modbus_rtu", "parity", "int", ok)).as(ok).isEmpty();
        }
        assertThat(problem("modbus_rtu", "parity", "int", "none")).contains("field.problem.choice");
        assertThat(problem("modbus_rtu", "parity", "int", "3")).contains("field.problem.choice");
        assertThat(problem("modbus_rtu", "stop_bits", "int", "1.5")).as("1.5 stop bits only on P1").contains("field.problem.choice");
        assertThat(FieldRules.choices("modbus_rtu", "parity")).containsExactly("0", "1", "2");
    }

    @Test
    void baudRates() {
        assertThat(problem("modbus_rtu", "baud_rate", "int", "9600")).isEmpty();
        assertThat(problem("p1_uart", "baud_rate", "int", "115200")).isEmpty();
        assertThat(problem("modbus_rtu", "baud_rate", "int", "9601")).contains("field.problem.choice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.60", "0.0.0.0", "255.255.255.255", "inverter", "zap.local", "se-inverter.home.arpa",
            "energyhub.", "a1"})
    void hostsAccepted(String host) {
        assertThat(problem("modbus_tcp", "ip", "string", host)).as(host).isEmpty();
        assertThat(problem("mqtt", "broker_host", "string", host)).as(host).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "1.2.3", "256.0.0.1", "1.2.3.4.5", "-inverter", "inverter-", "in verter", "a..b",
            "http://192.168.1.60", "192.168.1.60:502"})
    void hostsRefused(String host) {
        assertThat(problem("modbus_tcp", "ip", "string", host)).as(host).contains("field.problem.host");
        assertThat(problem("mqtt", "broker_host", "string", host)).as(host).contains("field.problem.host");
    }

    @Test
    void requiredAndBlank() {
        assertThat(FieldRules.check("modbus_tcp", "ip", "string", true, "  ")).map(Problem::key).contains("field.problem.required");
        assertThat(FieldRules.check("modbus_tcp", "ip", "string", true, null)).map(Problem::key).contains("field.problem.required");
        assertThat(FieldRules.check("modbus_tcp", "port", "int", false, "")).isEmpty();
        assertThat(FieldRules.check("modbus_tcp", "port", "int", false, " 1502 ")).as("surrounding spaces").isEmpty();
    }

    @Test
    void toValueTypes() {
        assertThat(FieldRules.toValue("int", "port", "1502")).isEqualTo(1502).isInstanceOf(Integer.class);
        assertThat(FieldRules.toValue("int", "unit_id", " 3 ")).isEqualTo(3);
        assertThat(FieldRules.toValue("string", "unit_id", "3")).as("range fields are numbers whatever the schema says")
                .isInstanceOf(Integer.class);
        assertThat(FieldRules.toValue("int", "baud_rate", "115200")).isEqualTo(115200);
        assertThat(FieldRules.toValue("int", "parity", "2")).isEqualTo(2);
        assertThat(FieldRules.toValue("int", "stop_bits", "1.5")).isEqualTo("1.5").isInstanceOf(String.class);
        assertThat(FieldRules.toValue("int", "stop_bits", "2")).isEqualTo(2);
        assertThat(FieldRules.toValue("string", "parity", "even")).isEqualTo("even");
        assertThat(FieldRules.toValue("string", "username", "extapi")).isEqualTo("extapi");
        assertThat(FieldRules.toValue("bool", "enabled", "true")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void defaultText() {
        assertThat(FieldRules.defaultText(502.0)).isEqualTo("502");
        assertThat(FieldRules.defaultText(null)).isEmpty();
        assertThat(FieldRules.defaultText("none")).isEqualTo("none");
        assertThat(FieldRules.defaultText(1.5)).isEqualTo("1.5");
    }

    @Test
    void units() {
        assertThat(FieldRules.unit("baud_rate")).contains("bit/s");
        for (String none : new String[] {"port", "unit_id", "ip", "parity", "data_bits", "stop_bits", "broker_port", "username"}) {
            assertThat(FieldRules.unit(none)).as(none).isEmpty();
        }
        assertThat(FieldRules.unit(null)).isEmpty();
    }

    /** Found by FieldRulesPropertyTest: a sign or another script's digits passed as a whole number. */
    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({"port, +5, field.problem.whole", "broker_port, \u0661, field.problem.whole",
            "unit_id, \u09e7, field.problem.whole", "port, \uff15\uff10\uff12, field.problem.whole",
            "unit_id, -0, field.problem.range", "port, 99999999999999999999, field.problem.range"})
    void onlyAsciiDigitsAreWholeNumbers(String field, String text, String expected) {
        String type = field.equals("broker_port") ? "mqtt" : "modbus_tcp";
        assertThat(problem(type, field, "int", text)).contains(expected);
    }

    /** Found by FieldRulesPropertyTest: 2900000000 passed the check but toValue sent it as the text "2900000000". */
    @Test
    void aWholeNumberMustFitTheIntegerTheZapIsSent() {
        assertThat(problem("modbus_tcp", "timeout_ms", "int", "2900000000")).contains("field.problem.range");
        assertThat(problem("modbus_tcp", "timeout_ms", "int", "-2147483649")).contains("field.problem.range");
        assertThat(problem("modbus_tcp", "timeout_ms", "int", "2147483647")).isEmpty();
        assertThat(FieldRules.toValue("int", "timeout_ms", "2147483647")).isEqualTo(Integer.MAX_VALUE);
    }

    /** Found by FieldRulesPropertyTest: a host name ending in a number ("0x", "a.1", "0x7f.0.0.1") passed. */
    @ParameterizedTest
    @ValueSource(strings = {"0x", "a.1", "0x7f.0.0.1", "1.2.3.0x4", "0x7f000001", "zap.0x1f", "01.2.3.4"})
    void hostNamesThatEndInANumberAreRefused(String host) {
        assertThat(problem("modbus_tcp", "ip", "string", host)).as(host).contains("field.problem.host");
        assertThat(problem("mqtt", "broker_host", "string", host)).as(host).contains("field.problem.host");
    }
}
