package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/devices/{sn}/registers/{address}} of the simulated Zap, read from a {@link ModbusTcpStandIn} on
 * 127.0.0.1 over real Modbus TCP (unit 1 with a Sungrow identity; unit 247, whose values are all 0x8000 or more).
 */
class ZapSimulatorRegistersTest {

    static final String SUNGROW_SERIAL = "A2281234567";

    ZapSimulator sim;
    ModbusTcpStandIn standIn;
    String unit1;
    String unit247;

    @BeforeEach
    void start() throws IOException {
        standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1, 247),
                new ModbusTcpStandIn.SungrowIdentity(SUNGROW_SERIAL, 0xE03));
        sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(TestClock.atNoon()).start();
        unit1 = Http.addDevice(sim.baseUri(), modbusTcp("127.0.0.1", standIn.port(), 1));
        unit247 = Http.addDevice(sim.baseUri(), modbusTcp("127.0.0.1", standIn.port(), 247));
    }

    @AfterEach
    void stop() {
        sim.close();
        standIn.close();
    }

    static String modbusTcp(String ip, int port, int unit) {
        return "{\"type\":\"modbus_tcp\",\"ip\":\"" + ip + "\",\"port\":" + port + ",\"unit_id\":" + unit
                + ",\"profile\":\"sungrow\"}";
    }

    Http.Reply read(String sn, String addressAndQuery) {
        return Http.get(sim.baseUri(), "/api/devices/" + sn + "/registers/" + addressAndQuery);
    }

    JsonObject ok(String sn, String addressAndQuery) {
        Http.Reply r = read(sn, addressAndQuery);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static String hex(int value) {
        return String.format("0x%04X", value);
    }

    @Test
    void aBulkReadAnswersTheRegistersAsHexStrings() {
        JsonObject o = ok(unit1, "100?size=3");
        assertThat(o).isEqualTo(JsonParser.parseString("{\"address\":100,\"count\":3,\"values\":[\""
                + hex(ModbusTcpStandIn.value(1, 100)) + "\",\"" + hex(ModbusTcpStandIn.value(1, 101)) + "\",\""
                + hex(ModbusTcpStandIn.value(1, 102)) + "\"]}"));
        assertThat(o.getAsJsonArray("values").get(0).getAsString()).isEqualTo("0x044C");
    }

    @Test
    void withoutTypeOrSizeItReadsOneInputRegisterAsU16() {
        assertThat(ok(unit1, "100")).isEqualTo(JsonParser.parseString(
                "{\"address\":100,\"value\":1100,\"type\":\"u16\",\"registers\":[\"0x044C\"]}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0?type=u16, 50392",
            "0?type=i16, -15144",
            // 0xC4D8, 0xC4D9: big = first register most significant, little (the default) = least significant.
            "0?type=u32&endianness=big, 3302540505",
            "0?type=u32, 3302606040",
            "0?type=u32&endianness=little, 3302606040",
            "0?type=i32&endianness=big, -992426791",
            "0?type=i32, -992361256",
            "0?type=i64&endianness=big, -4262440607716555557",
            "0?type=u64&endianness=big, 14184303465992996059",
            "0?type=u64, 14185147895218029784",
            "0?type=i16&scale_factor=0.01, -151.44",
            "0?type=u16&scale_factor=2, 100784"})
    void typedReadsDecodeTheRegisters(String query, String expected) {
        JsonObject o = ok(unit247, query);
        assertThat(o.get("value").getAsBigDecimal()).isEqualByComparingTo(expected);
        assertThat(o.get("type").getAsString()).isEqualTo(query.substring(7, 10));
        int width = o.get("type").getAsString().endsWith("16") ? 1 : o.get("type").getAsString().endsWith("32") ? 2 : 4;
        assertThat(o.getAsJsonArray("registers")).hasSize(width);
        assertThat(o.getAsJsonArray("registers").get(0).getAsString()).isEqualTo("0xC4D8");
    }

    @Test
    void integersStayIntegersWithoutAScaleFactor() {
        Http.Reply r = read(unit247, "0?type=i32&endianness=big");
        assertThat(r.body()).contains("\"value\":-992426791,");
        assertThat(read(unit1, "123?scale_factor=0.1").body()).contains("\"value\":112.3,");
    }

    @Test
    void aSizeBesideANumericTypeIsIgnoredTheTypeDecidesTheRegisters() {
        JsonObject o = ok(unit247, "0?type=u32&size=5&endianness=big");
        assertThat(o.getAsJsonArray("registers")).hasSize(2);
        assertThat(o.get("value").getAsLong()).isEqualTo(0xC4D8C4D9L);
        assertThat(o.has("count")).isFalse();
    }

    @Test
    void f32TakesTwoRegistersInEitherWordOrder() {
        float big = Float.intBitsToFloat(0xC4D8C4D9);
        float little = Float.intBitsToFloat(0xC4D9C4D8);
        assertThat(ok(unit247, "0?type=f32&endianness=big").get("value").getAsFloat()).isEqualTo(big);
        assertThat(ok(unit247, "0?type=f32").get("value").getAsFloat()).isEqualTo(little);
        assertThat(ok(unit247, "0?type=f32&endianness=big&scale_factor=10").get("value").getAsDouble())
                .isCloseTo(big * 10.0, offset(0.01));
    }

    @Test
    void theSungrowIdentityReadsThroughTheZapFromInputRegisters() {
        JsonObject sn = ok(unit1, "4989?type=str&size=10&function_code=4");
        assertThat(sn.get("value").getAsString()).isEqualTo(SUNGROW_SERIAL);
        assertThat(sn.getAsJsonArray("registers")).hasSize(10);
        assertThat(sn.getAsJsonArray("registers").get(0).getAsString()).isEqualTo("0x4132"); // "A2"
        assertThat(ok(unit1, "4999").get("value").getAsInt()).as("function 4 is the default").isEqualTo(0xE03);
        assertThat(ok(unit1, "4999?function_code=3").get("value").getAsInt()).as("holding register")
                .isEqualTo(ModbusTcpStandIn.value(1, 4999));
        assertThat(ok(unit1, "4989?size=11").getAsJsonArray("values").get(10).getAsString()).isEqualTo("0x0E03");
    }

    @Test
    void aModbusExceptionIsAReadFailure() {
        Http.Reply r = read(unit1, "9999?size=2");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").getAsString()).isEqualTo("read failed");
        assertThat(r.json().get("message").getAsString()).isEqualTo("Modbus exception 2 (illegal data address)"
                + "; device 127.0.0.1:" + standIn.port() + ", unit 1");
    }

    @Test
    void aDeviceThatGoneAwayIsAReadFailure() throws IOException {
        try (ModbusTcpStandIn gone = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1))) {
            String sn = Http.addDevice(sim.baseUri(), modbusTcp("127.0.0.1", gone.port(), 1));
            gone.close();
            Http.Reply r = read(sn, "0");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.json().get("message").getAsString()).startsWith("connection refused; device 127.0.0.1:");
        }
    }

    @Test
    void aUnitIdNobodyAnswersIsAReadFailureAfterTheFirmwaresTimeout() {
        String sn = Http.addDevice(sim.baseUri(), modbusTcp("127.0.0.1", standIn.port(), 2));
        Http.Reply r = read(sn, "0");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("message").getAsString()).startsWith("no answer within 1000 ms; device 127.0.0.1:");
    }

    @Test
    void anAnswerThatIsNotModbusIsAReadFailure() throws IOException {
        try (ServerSocket web = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = web.accept()) {
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            String sn = Http.addDevice(sim.baseUri(), modbusTcp("127.0.0.1", web.getLocalPort(), 1));
            Http.Reply r = read(sn, "0");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.json().get("message").getAsString()).startsWith("not a Modbus TCP answer");
        }
    }

    @Test
    void devicesOffLoopbackAndOnRs485AnswerTheStandInsValues() {
        String lan = Http.addDevice(sim.baseUri(), ZapSimulatorTest.SUNGROW);
        assertThat(ok(lan, "7?size=2").getAsJsonArray("values")).containsExactly(
                new JsonPrimitive(hex(ModbusTcpStandIn.value(1, 7))),
                new JsonPrimitive(hex(ModbusTcpStandIn.value(1, 8))));
        String rtu = Http.addDevice(sim.baseUri(),
                "{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"unit_id\":3,\"baud_rate\":9600}");
        assertThat(ok(rtu, "5").get("value").getAsInt()).isEqualTo(ModbusTcpStandIn.value(3, 5));
        Http.Reply beyond = read(rtu, "10000");
        assertThat(beyond.status()).isEqualTo(500);
        assertThat(beyond.json().get("message").getAsString()).isEqualTo(
                "Modbus exception 2 (illegal data address); device on RS485, unit 3");
    }

    @Test
    void anRfc5737AddressDoesNotAnswer() throws Exception {
        SimRegisters.Device doc = new SimRegisters.Device("modbus_tcp", "192.0.2.10", 502, 1);
        assertThatThrownBy(
                () -> SimRegisters.read(doc, SimRegisters.parse("0", null)))
                .isInstanceOf(SimRegisters.ReadFailed.class)
                .hasMessage("no answer within 1000 ms; device 192.0.2.10:502, unit 1");
    }

    @Test
    void aDeviceThatIsNotModbusIsABadRequest() {
        String p1 = Http.addDevice(sim.baseUri(), ZapSimulatorTest.P1);
        Http.Reply r = read(p1, "0");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").getAsString()).isEqualTo("not a Modbus device");
        assertThat(r.json().get("message").getAsString()).contains("p1_uart");
    }

    @Test
    void anUnknownDeviceIsNotFound() {
        Http.Reply r = read("NOPE123", "0");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).isEqualTo(JsonParser.parseString("{\"error\":\"device not found\",\"sn\":\"NOPE123\"}"));
    }

    @Test
    void onlyGetReads() {
        assertThat(Http.post(sim.baseUri(), "/api/devices/" + unit1 + "/registers/0", "{\"value\":1}").status())
                .isEqualTo(405);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "65536 | address",
            "-1 | address",
            "0x10 | address",
            "0?size=0 | size",
            "0?size=126 | size",
            "0?size=two | size",
            "65535?size=2 | size",
            "0?type=u8 | type",
            "0?type=str | size",
            "0?endianness=middle | endianness",
            "0?function_code=6 | function_code",
            "0?function_code=16 | function_code",
            "0?scale_factor=abc | scale_factor",
            "0?scale_factor=NaN | scale_factor"})
    void badParametersAreBadRequests(String addressAndQuery, String field) {
        Http.Reply r = read(unit1, addressAndQuery);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").getAsString()).isEqualTo(field);
        assertThat(r.json().get("error").getAsString()).contains(field);
    }

    @Test
    void aFaultOnTheRegisterEndpointTouchesOnlyIt() {
        assertThat(ZapSimulator.templateOf("/api/devices/" + unit1 + "/registers/4989"))
                .isEqualTo("/api/devices/{sn}/registers/{address}");
        assertThat(ZapSimulator.templateOf("/api/devices/" + unit1 + "/registers")).isNull();
        assertThat(ZapSimulator.templateOf("/api/devices/" + unit1 + "/registers/1/2")).isNull();
        sim.setFault("GET /api/devices/{sn}/registers/{address}", new ZapFault.Status(503));
        assertThat(read(unit1, "4989?size=2").status()).isEqualTo(503);
        assertThat(Http.get(sim.baseUri(), "/api/devices/" + unit1 + "/ders").status()).isEqualTo(200);
        sim.clearFault("GET /api/devices/{sn}/registers/{address}");
        assertThat(read(unit1, "4989?size=2").status()).isEqualTo(200);
    }
}
