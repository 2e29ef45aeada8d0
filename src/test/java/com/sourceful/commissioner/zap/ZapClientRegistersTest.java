package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ZapClient#readRegisters}: through a simulated Zap to a Modbus stand-in, and against stubbed answers. */
class ZapClientRegistersTest {

    static ZapException failure(ZapClientTest.ThrowingRunnable call) {
        ZapException e = catchThrowableOfType(ZapException.class, call::run);
        assertThat(e).as("a ZapException").isNotNull();
        return e;
    }

    @Nested
    class ThroughTheSimulator {

        ModbusTcpStandIn standIn;
        ZapSimulator sim;
        ZapClient zap;
        String sn;

        @BeforeEach
        void start() throws Exception {
            standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1),
                    new ModbusTcpStandIn.SungrowIdentity("A2281234567", 0xE03));
            sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(TestClock.atNoon()).start();
            zap = new ZapClient(sim.baseUri());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ip", "127.0.0.1");
            f.put("port", standIn.port());
            f.put("unit_id", 1);
            f.put("profile", "sungrow");
            sn = zap.addDevice(DeviceConfig.of("modbus_tcp", f)).sn();
        }

        @AfterEach
        void stop() {
            zap.close();
            sim.close();
            standIn.close();
        }

        @Test
        void readsTheSungrowIdentityFromInputRegisters() throws Exception {
            int[] identity = zap.readRegisters(sn, 4989, 11, 4);
            byte[] text = new byte[20];
            for (int i = 0; i < 10; i++) {
                text[2 * i] = (byte) (identity[i] >> 8);
                text[2 * i + 1] = (byte) identity[i];
            }
            assertThat(new String(text, StandardCharsets.US_ASCII)).isEqualTo("A2281234567\0\0\0\0\0\0\0\0\0");
            assertThat(identity[10]).isEqualTo(0xE03);
            assertThat(zap.readRegisters(sn, 4999, 1, 3)).containsExactly(ModbusTcpStandIn.value(1, 4999));
            assertThat(zap.readRegisters(sn, 9998, 2, 3))
                    .containsExactly(ModbusTcpStandIn.value(1, 9998), ModbusTcpStandIn.value(1, 9999));
        }

        @Test
        void aReadTheDeviceRefusesIsRejectedWithTheZapsMessage() {
            ZapException e = failure(() -> zap.readRegisters(sn, 9999, 2, 4));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.serverMessage()).hasValue("read failed: Modbus exception 2 (illegal data address); device "
                    + "127.0.0.1:" + standIn.port() + ", unit 1");
            assertThat(e.operation()).isEqualTo("GET /api/devices/" + sn + "/registers/9999");
        }

        @Test
        void anUnknownDeviceIs404AndADeviceNotOnModbus400() throws Exception {
            ZapException unknown = failure(() -> zap.readRegisters("SG00000000", 0, 1, 4));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.serverMessage()).hasValue("device not found");

            String p1 = zap.addDevice(DeviceConfig.of("p1_uart", Map.of())).sn();
            ZapException notModbus = failure(() -> zap.readRegisters(p1, 0, 1, 4));
            assertThat(notModbus.kind()).isEqualTo(ZapException.Kind.REJECTED);
            assertThat(notModbus.status()).isEqualTo(400);
            assertThat(notModbus.serverMessage().orElseThrow()).startsWith("not a Modbus device: ");
        }

        @Test
        void aMangledAnswerIsABadResponse() {
            sim.setFault("GET /api/devices/{sn}/registers/{address}", new ZapFault.MalformedJson());
            ZapException e = failure(() -> zap.readRegisters(sn, 4989, 11, 4));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
        }
    }

    @Nested
    class AgainstAStub {

        StubServer stub;
        ZapClient zap;

        @BeforeEach
        void start() throws IOException {
            stub = StubServer.start();
            zap = new ZapClient(stub.baseUri());
        }

        @AfterEach
        void stop() {
            zap.close();
            stub.close();
        }

        @Test
        void asksForTheBulkFormWithTheSerialEncodedInThePath() throws Exception {
            List<String> asked = new CopyOnWriteArrayList<>();
            stub.on("/api/devices/a b/../c/registers/4989", ex -> { // the stub routes by the decoded path
                asked.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + "?"
                        + ex.getRequestURI().getRawQuery());
                StubServer.send(ex, 200, "application/json",
                        "{\"address\":4989,\"count\":2,\"values\":[\"0x4132\",\"0x0e03\"],\"extra\":true}");
            });
            assertThat(zap.readRegisters("a b/../c", 4989, 2, 4)).containsExactly(0x4132, 0xE03);
            assertThat(asked).containsExactly(
                    "GET /api/devices/a%20b%2F..%2Fc/registers/4989?size=2&function_code=4");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"address\":100,\"count\":2}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\"]}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\",\"0x0002\",\"0x0003\"]}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\",\"0xZZ01\"]}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\",\"0x10000\"]}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\",\"0002\"]}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\",2]}",
                "{\"address\":100,\"count\":2,\"values\":[\"0x0001\",null]}",
                "{\"address\":101,\"count\":2,\"values\":[\"0x0001\",\"0x0002\"]}",
                "{\"address\":100,\"count\":3,\"values\":[\"0x0001\",\"0x0002\"]}",
                "{\"address\":100,\"count\":2,\"values\":\"0x0001 0x0002\"}",
                "{\"address\":100,\"value\":1,\"type\":\"u16\",\"registers\":[\"0x0001\"]}",
                "[\"0x0001\",\"0x0002\"]"})
        void anAnswerWithoutTheRegistersAskedForIsABadResponse(String body) {
            stub.json("/api/devices/SG1/registers/100", 200, body);
            ZapException e = failure(() -> zap.readRegisters("SG1", 100, 2, 3));
            assertThat(e.kind()).as(body).isEqualTo(ZapException.Kind.BAD_RESPONSE);
            assertThat(e.status()).isZero();
        }

        @Test
        void theZapsRefusalKeepsItsStatusAndMessage() {
            stub.json("/api/devices/SG1/registers/100", 400,
                    "{\"error\":\"size must be a register count 1..125, got '0'\",\"field\":\"size\"}");
            ZapException e = failure(() -> zap.readRegisters("SG1", 100, 2, 3));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).hasValue("size");
        }

        @Test
        void badArgumentsFailBeforeAnyRequest() {
            assertThatThrownBy(() -> zap.readRegisters("SG1", -1, 1, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters("SG1", 65536, 1, 4))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters("SG1", 0, 0, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters("SG1", 0, 126, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters("SG1", 65535, 2, 4))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters("SG1", 0, 1, 6)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters("SG1", 0, 1, 16)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters(" ", 0, 1, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> zap.readRegisters(null, 0, 1, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThat(stub.requests()).isEmpty();
        }

        @Test
        void theReadMayTakeLongerThanTheTransportsUsualAnswerTime() throws Exception {
            // The Zap answers after its 1000 ms Modbus timeout; this transport gives other calls 600 ms.
            stub.on("/api/devices/SG1/registers/0", ex -> {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                StubServer.send(ex, 500, "application/json",
                        "{\"error\":\"read failed\",\"message\":\"no answer within 1000 ms\"}");
            });
            try (HttpTransport http = new HttpTransport(Duration.ofSeconds(1), Duration.ofMillis(600), 1 << 20);
                 ZapClient slow = new ZapClient(stub.baseUri(), http)) {
                ZapException e = failure(() -> slow.readRegisters("SG1", 0, 1, 4));
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(ZapException.Kind.REJECTED);
                assertThat(e.serverMessage()).hasValue("read failed: no answer within 1000 ms");
            }
            assertThat(ZapClient.REGISTER_READ_TIMEOUT).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void registersAreReadOneEachWithoutSignOrScale() throws Exception {
        HttpTransport.Response r = new HttpTransport.Response(200,
                "{\"address\":0,\"count\":3,\"values\":[\"0xFFFF\",\"0x8000\",\"0x0\"]}",
                Optional.of("application/json"), Map.of());
        assertThat(ZapClient.readRegisters("GET x", 0, 3, r)).containsExactly(65535, 32768, 0);
    }
}
