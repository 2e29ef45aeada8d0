package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.FieldRules.Problem;
import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/**
 * The Add step's field checks get random and almost-right text. Whatever is accepted must be valid by
 * {@link AddressOracle} (written independently of {@link FieldRules}), and what is valid must be accepted; an
 * accepted number converts to exactly that Integer for the Zap.
 *
 * <p>Rules, from FieldRules, its messages and the Zap reference: surrounding whitespace is ignored (the form trims
 * it); ports 1–65535; unit id 0–247 (FieldRules' documented Modbus range); baud rates from the fixed list; the
 * Modbus {@code ip} and MQTT {@code broker_host} are an IPv4 address or a host name.
 */
class FieldRulesPropertyTest {

    static final int TRIES = 3000;

    /** Text around {@code valid}: itself, near misses, foreign digits, signs, spaces, and anything at all. */
    static Gen<String> around(Gen<String> valid) {
        Gen<String> near = Gens.nearMiss(valid);
        Gen<String> any = Gens.anyText(20);
        Gen<String> numbers = Gens.oneOf(Gens.constant("0", "-0", "+0", "00", "-1", "65536", "99999999999",
                "9223372036854775808", "1e3", "1.0", "0x10", "٥٠٢", "５０２", "502\u0000", "\u00A0502", "5 02", "248",
                "247", "1_000", "2147483648", "-2147483649"), Gens.longs(-100_000, 100_000).map(String::valueOf));
        return (r, size) -> switch (r.nextInt(10)) {
            case 0, 1, 2 -> valid.next(r, size);
            case 3, 4, 5, 6 -> near.next(r, size);
            case 7 -> numbers.next(r, size);
            case 8 -> (r.nextBoolean() ? " " : "\t") + valid.next(r, size) + (r.nextBoolean() ? " " : "");
            default -> any.next(r, size);
        };
    }

    static boolean accepted(String type, String field, String fieldType, String text) {
        Optional<Problem> p = FieldRules.check(type, field, fieldType, true, text);
        return p.isEmpty();
    }

    /** What the form field ends up holding: the text without the whitespace around it. */
    static String trimmed(String text) {
        return text.strip();
    }

    void numberField(String type, String field, long min, long max, Gen<String> valid) {
        Props.forAllStrings(TRIES, around(valid), text -> {
            boolean ok = accepted(type, field, "int", text);
            boolean expected = AddressOracle.isNumberIn(trimmed(text), min, max);
            assertThat(ok).as("%s %s accepted", field, Props.show(text)).isEqualTo(expected);
            if (ok) {
                Object value = FieldRules.toValue("int", field, text);
                assertThat(value).isInstanceOf(Integer.class);
                assertThat((long) (Integer) value).isEqualTo(Long.parseLong(trimmed(text)));
            }
        });
    }

    @Test
    void modbusPort() {
        numberField("modbus_tcp", "port", 1, 65535, AddressOracle.ports());
    }

    @Test
    void mqttBrokerPort() {
        numberField("mqtt", "broker_port", 1, 65535, AddressOracle.ports());
    }

    @Test
    void modbusUnitId() {
        numberField("modbus_tcp", "unit_id", 0, 247, Gens.ints(0, 247).map(String::valueOf));
        numberField("modbus_rtu", "unit_id", 0, 247, Gens.constant("1", "3", "126", "247", "0"));
    }

    @Test
    void baudRate() {
        List<String> rates = List.of("1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200");
        for (String type : List.of("modbus_rtu", "p1_uart")) {
            Props.forAllStrings(TRIES / 2, around(Gens.element(rates)), text -> {
                boolean ok = accepted(type, "baud_rate", "int", text);
                assertThat(ok).as("baud %s", Props.show(text)).isEqualTo(rates.contains(trimmed(text)));
                if (ok) {
                    assertThat(FieldRules.toValue("int", "baud_rate", text)).isEqualTo(Integer.parseInt(trimmed(text)));
                }
            });
        }
    }

    @Test
    void modbusIpAndBrokerHost() {
        Gen<String> valid = AddressOracle.hosts();
        Gen<String> confusing = Gens.constant("0x7f.0.0.1", "127.1", "1.2.3", "1.2.3.4.", "01.2.3.4", "256.1.1.1",
                "a.1", "zap.0x1f", "0x7f000001", "1.2.3.0x4", "-a.b", "a-.b", "a..b", "a_b.local", "é.local",
                "١٩٢.١٦٨.١.٢", "１９２.１６８.１.２", "192.168.1.60:502", "http://192.168.1.60", "[::1]",
                "a".repeat(64) + ".local", "a".repeat(63) + ".b", ("a".repeat(60) + ".").repeat(4) + "abcdefghi",
                ("a".repeat(61) + ".").repeat(4) + "a", ("a".repeat(61) + ".").repeat(4) + "a.");
        Gen<String> inputs = Gens.oneOf(around(valid), confusing);
        for (String[] tf : new String[][] {{"modbus_tcp", "ip"}, {"mqtt", "broker_host"}}) {
            Props.forAllStrings(TRIES, inputs, text -> {
                boolean ok = accepted(tf[0], tf[1], "string", text);
                assertThat(ok).as("%s %s accepted", tf[1], Props.show(text)).isEqualTo(AddressOracle.isHost(trimmed(text)));
            });
        }
    }

    /** A field the schema types as a number, without a known range: what is accepted converts to that Integer. */
    @Test
    void otherWholeNumberFields() {
        Gen<String> valid = Gens.longs(-3_000_000_000L, 3_000_000_000L).map(String::valueOf);
        Props.forAllStrings(TRIES, around(valid), text -> {
            if (accepted("modbus_tcp", "timeout_ms", "int", text)) {
                Object value = FieldRules.toValue("int", "timeout_ms", text);
                assertThat(value).as("%s converted", Props.show(text)).isInstanceOf(Integer.class);
                assertThat((long) (Integer) value).isEqualTo(Long.parseLong(trimmed(text)));
            }
        });
    }

    /** Fixed choices accept exactly their values (after trimming), nothing that merely parses to one. */
    @Test
    void choicesAcceptOnlyTheirValues() {
        String[][] cases = {{"modbus_rtu", "parity"}, {"p1_uart", "parity"}, {"p1_uart", "stop_bits"},
                {"modbus_rtu", "stop_bits"}, {"p1_uart", "data_bits"}};
        for (String[] c : cases) {
            List<String> choices = FieldRules.choices(c[0], c[1]);
            String fieldType = c[1].equals("parity") && c[0].equals("p1_uart") ? "string" : "int";
            Props.forAllStrings(TRIES / 5, around(Gens.element(choices)), text ->
                    assertThat(accepted(c[0], c[1], fieldType, text)).as("%s %s", c[1], Props.show(text))
                            .isEqualTo(choices.contains(trimmed(text))));
        }
    }
}
