package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner.Port;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.RealPeers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scan-devices --json} with the real scanner against the device scan's test site
 * ({@code devicescan/site_server.py}, pymodbus 3.0) on 127.0.0.2-12, ports of the test's own. Skipped without
 * pymodbus (as {@code DeviceScanSiteTest}); loopback only.
 */
class ScanDevicesAgainstSiteTest {

    static Process site;
    static List<Port> ports;

    @BeforeAll
    static void start() throws Exception {
        LoopbackNetwork.assumeBindable("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7",
                "127.0.0.8", "127.0.0.9", "127.0.0.11", "127.0.0.12");
        List<String> command = new ArrayList<>(RealPeers.python(RealPeers.PythonPeer.PYMODBUS));
        int modbus = freePort();
        int solarEdge = freePort();
        int huawei = freePort();
        int solarman = freePort();
        ports = List.of(Port.modbus(modbus, 1, 126, 3), Port.modbus(solarEdge, 1), Port.modbus(huawei, 0, 1),
                Port.mqtt(freePort()), Port.solarmanV5(solarman));
        command.addAll(List.of(Path.of(ScanDevicesAgainstSiteTest.class.getClassLoader()
                        .getResource("devicescan/site_server.py").toURI()).toString(), String.valueOf(modbus),
                String.valueOf(solarEdge), String.valueOf(huawei), String.valueOf(solarman)));
        site = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(site.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return e.toString();
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(ready).as("site_server.py's first line").isEqualTo("ready");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (site != null) {
            site.destroy();
            if (!site.waitFor(5, TimeUnit.SECONDS)) {
                site.destroyForcibly();
            }
        }
    }

    @Test
    void listsTheSitesDevicesAsJsonWithTheirProfilesOrNull() {
        Streams io = new Streams();
        int status = ScanDevicesCommand.run(new String[] {"--subnet", "127.0.0.0/28", "--json"}, io.out, io.err,
                new ModbusDeviceScanner(ports), List::of);

        assertThat(status).as(io.err()).isZero();
        Map<String, JsonObject> byManufacturer = new TreeMap<>();
        for (JsonElement e : JsonParser.parseString(io.out()).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            if (!o.get("manufacturer").isJsonNull()) {
                byManufacturer.put(o.get("manufacturer").getAsString() + " " + o.get("address").getAsString(), o);
            }
        }
        assertThat(byManufacturer.keySet()).contains("SMA 127.0.0.2", "Fronius 127.0.0.3", "Sungrow 127.0.0.5",
                "Huawei 127.0.0.6", "KOSTAL 127.0.0.7");
        JsonObject sma = byManufacturer.get("SMA 127.0.0.2");
        assertThat(sma.get("unit_id").getAsInt()).isEqualTo(126);
        assertThat(sma.get("model").getAsString()).isEqualTo("SB5.0-1AV-41");
        assertThat(sma.get("serial").getAsString()).isEqualTo("3012345678");
        assertThat(sma.get("profile").isJsonNull()).isFalse();
        JsonObject kostal = byManufacturer.get("KOSTAL 127.0.0.7");
        assertThat(kostal.get("profile").isJsonNull()).as("KOSTAL has no Zap profile").isTrue();
        List<String> protocols = JsonParser.parseString(io.out()).getAsJsonArray().asList().stream()
                .map(e -> e.getAsJsonObject().get("protocol").getAsString()).distinct().sorted()
                .collect(Collectors.toList());
        assertThat(protocols).contains("modbus_tcp", "solarman_v5");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
