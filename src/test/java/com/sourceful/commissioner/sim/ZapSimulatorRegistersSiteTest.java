package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.RealPeers;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated Zap's register read against Modbus servers it did not come with: the pymodbus test site of the
 * device scan ({@code devicescan/site_server.py}, see DeviceScanSiteTest), each device on a 127.0.0.x of its own.
 * Skipped where the OS lacks those addresses or pymodbus is missing (fails where {@code ZAP_REQUIRE_PEERS=1}).
 */
class ZapSimulatorRegistersSiteTest {

    @TempDir
    static Path dir;
    static Process site;
    static int modbus;
    static int huawei;

    ZapSimulator sim;

    @BeforeAll
    static void startSite() throws Exception {
        // Every address the site binds, not only the ones read here.
        LoopbackNetwork.assumeBindable("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7",
                "127.0.0.8", "127.0.0.9", "127.0.0.11", "127.0.0.12");
        List<String> command = new ArrayList<>(RealPeers.python(RealPeers.PythonPeer.PYMODBUS));
        modbus = freePort();
        huawei = freePort();
        command.addAll(List.of(resource("devicescan/site_server.py").toString(), Integer.toString(modbus),
                Integer.toString(freePort()), Integer.toString(huawei), Integer.toString(freePort())));
        Path log = dir.resolve("site.log");
        site = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(site.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }).get(20, TimeUnit.SECONDS);
        if (!"ready".equals(ready)) {
            throw new IllegalStateException("site_server.py said \"" + ready + "\"; log:\n" + Files.readString(log));
        }
    }

    @AfterAll
    static void stopSite() throws InterruptedException {
        if (site != null) {
            site.destroy();
            if (!site.waitFor(5, TimeUnit.SECONDS)) {
                site.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void startZap() throws IOException {
        sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(TestClock.atNoon()).start();
    }

    @AfterEach
    void stopZap() {
        sim.close();
    }

    String device(String ip, int port, int unit) {
        return Http.addDevice(sim.baseUri(), ZapSimulatorRegistersTest.modbusTcp(ip, port, unit));
    }

    Http.Reply read(String sn, String addressAndQuery) {
        return Http.get(sim.baseUri(), "/api/devices/" + sn + "/registers/" + addressAndQuery);
    }

    JsonObject ok(String sn, String addressAndQuery) {
        Http.Reply r = read(sn, addressAndQuery);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void readsASungrowIdentityFromInputRegisters() {
        String sn = device("127.0.0.5", modbus, 1);
        assertThat(ok(sn, "4989?type=str&size=10").get("value").getAsString()).isEqualTo("A2251234567");
        assertThat(ok(sn, "4999").get("value").getAsInt()).isEqualTo(0xE03);
        assertThat(ok(sn, "4989?size=11").getAsJsonArray("values").get(10).getAsString()).isEqualTo("0x0E03");
        Http.Reply holding = read(sn, "4989?size=11&function_code=3");
        assertThat(holding.status()).isEqualTo(500);
        assertThat(holding.json().get("message").getAsString()).startsWith("Modbus exception 2 (illegal data address)");
    }

    @Test
    void readsHuaweisModelAndASunSpecMarkerFromHoldingRegisters() {
        String hua = device("127.0.0.6", huawei, 0);
        assertThat(ok(hua, "30000?type=str&size=15&function_code=3").get("value").getAsString())
                .isEqualTo("SUN2000-10KTL-M1");
        String sma = device("127.0.0.2", modbus, 126);
        assertThat(ok(sma, "40000?type=u32&endianness=big&function_code=3").get("value").getAsLong())
                .isEqualTo(0x53756E53L);
        assertThat(ok(sma, "40000?type=u32&function_code=3").get("value").getAsLong()).isEqualTo(0x6E535375L);
    }

    @Test
    void aUnitIdNobodyAnswersAndAServiceThatIsNotModbusAreReadFailures() {
        Http.Reply silent = read(device("127.0.0.2", modbus, 1), "0?function_code=3");
        assertThat(silent.status()).isEqualTo(500);
        assertThat(silent.json().get("message").getAsString()).startsWith("no answer within 1000 ms");
        Http.Reply ssh = read(device("127.0.0.11", modbus, 1), "0");
        assertThat(ssh.status()).isEqualTo(500);
        assertThat(ssh.json().get("message").getAsString()).startsWith("not a Modbus TCP answer");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ZapSimulatorRegistersSiteTest.class.getClassLoader().getResource(name).toURI());
    }
}
