package com.sourceful.commissioner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.cli.ScanDevicesCommand;
import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner.Port;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.testsupport.RealPeers;

/**
 * The device scan of a /24 (not a test; run by {@code bench/device-scan} on loopback and {@code bench/silent-lan} in
 * network namespaces): the test site of {@code devicescan/site_server.py} (pymodbus servers that count their
 * connections), scanned as {@code scan-devices} scans (500 ms connect timeout, 32 hosts at once); the time of each
 * run, the devices found, and per device the connections the scan opened (total, most at once, dropped).
 */
public final class DeviceScanBenchmark {

    private DeviceScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        String prefix = "127.0.0";
        String siteNamespace = null;
        String label = "loopback";
        boolean standardPorts = false;
        String brokerHost = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--prefix" -> prefix = value;
                case "--site-netns" -> siteNamespace = value;
                case "--label" -> label = value;
                case "--standard-ports" -> {
                    standardPorts = true;
                    i--;
                }
                case "--anonymous-broker" -> brokerHost = value;
                default -> {
                    System.err.println("unknown argument: " + args[i] + " (usage: [--runs N] [--prefix A.B.C]"
                            + " [--site-netns NAME] [--standard-ports] [--anonymous-broker LAST_OCTET] [--label WORD])");
                    System.exit(2);
                }
            }
            i++;
        }
        // Standard ports (502, 1502, 6607, 1883, 1884, 8899) inside a namespace; free ones on the shared loopback.
        int modbus = standardPorts ? 502 : freePort();
        int solarEdge = standardPorts ? 1502 : freePort();
        int huawei = standardPorts ? 6607 : freePort();
        int solarman = standardPorts ? 8899 : freePort();
        int mqtt = standardPorts ? 1883 : freePort();
        List<Port> ports = standardPorts ? ModbusDeviceScanner.STANDARD_PORTS
                : List.of(Port.modbus(modbus, 1, 126, 3), Port.modbus(solarEdge, 1), Port.modbus(huawei, 0, 1),
                        Port.mqtt(mqtt), Port.mqtt(freePort()), Port.solarmanV5(solarman));
        // One broker that takes a CONNECT without credentials and where nothing is published: the scan's longest
        // MQTT case (it waits the whole MqttBrokerProbe.PUBLISH_WAIT for a message before it lets go).
        Process broker = null;
        List<String> command = new ArrayList<>();
        if (siteNamespace != null) {
            command.addAll(List.of("ip", "netns", "exec", siteNamespace));
        }
        command.addAll(RealPeers.python(RealPeers.PythonPeer.PYMODBUS));
        command.addAll(List.of(resource("devicescan/site_server.py").toString(), String.valueOf(modbus),
                String.valueOf(solarEdge), String.valueOf(huawei), String.valueOf(solarman)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SITE_PREFIX", prefix);
        Process site = builder.start();
        try {
            if (brokerHost != null) {
                broker = startAnonymousBroker(siteNamespace, prefix + "." + brokerHost, mqtt);
            }
            BufferedReader siteOut = new BufferedReader(new InputStreamReader(site.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> readLine(siteOut)).get(30, TimeUnit.SECONDS);
            if (!"ready".equals(ready)) {
                throw new IllegalStateException("site_server.py said \"" + ready + "\"");
            }
            Subnet subnet = Subnet.parse(prefix + ".0/24");
            System.out.println("machine: " + DiscoveryBenchmark.machine());
            System.out.println("device scan of " + subnet + " (" + label + "), ports "
                    + ports.stream().map(p -> p.number() + " " + p.kind()).toList() + ", connect timeout "
                    + ScanDevicesCommand.CONNECT_TIMEOUT.toMillis() + " ms, " + ScanDevicesCommand.PARALLEL_HOSTS
                    + " hosts at once");
            List<Double> times = new ArrayList<>();
            List<FoundDevice> lastDevices = List.of();
            for (int run = 1; run <= runs; run++) {
                ModbusDeviceScanner scanner = new ModbusDeviceScanner(ports);
                DeviceScanner.Report report = scanner.scan(new DeviceScanner.Options(List.of(subnet),
                        ScanDevicesCommand.CONNECT_TIMEOUT, ScanDevicesCommand.PARALLEL_HOSTS), device -> { });
                double s = report.took().toNanos() / 1e9;
                times.add(s);
                lastDevices = report.devices();
                System.out.printf(Locale.ROOT, "  run %d: %.3f s, %d devices, %d hosts%n", run, s,
                        report.devices().size(), report.hostsProbed());
            }
            System.out.println("  devices (last run), connections the scan opened to each as it counted them:");
            JsonObject stats = stats(site, siteOut);
            Map<String, FoundDevice> byKey = new TreeMap<>();
            lastDevices.forEach(d -> byKey.put(d.address() + ":" + d.port(), d));
            for (FoundDevice d : byKey.values()) {
                System.out.printf(Locale.ROOT, "    %-20s %-11s %-10s %-22s connections %d%n",
                        d.address() + ":" + d.port(), d.protocol(), d.manufacturer().orElse("-"),
                        d.model().orElse("-"), d.connections());
            }
            int mostAtOnce = 0;
            for (Map.Entry<String, JsonElement> e : new TreeMap<>(stats.asMap()).entrySet()) {
                JsonObject o = e.getValue().getAsJsonObject();
                int most = o.get("most_at_once").getAsInt();
                mostAtOnce = Math.max(mostAtOnce, most);
                System.out.printf(Locale.ROOT, "    site %-20s over %d runs: %d connections, most at once %d,"
                        + " dropped %d%n", e.getKey(), runs, o.get("total").getAsInt(), most,
                        o.get("dropped").getAsInt());
            }
            DiscoveryBenchmark.Result result = new DiscoveryBenchmark.Result(times, null);
            List<Double> sorted = times.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "device scan of %s, %s: median %.3f s, min %.3f s, max %.3f s over %d"
                            + " runs; %d devices; most connections at once to one device: %d%n", subnet, label,
                    result.median().orElseThrow(), sorted.get(0), sorted.get(sorted.size() - 1), runs,
                    lastDevices.size(), mostAtOnce);
            String key = "device_scan_24_" + label.replace('-', '_') + "_ms";
            double median = result.median().orElseThrow();
            BenchRun.result(key, median * 1000);
        } finally {
            for (Process p : new Process[] {site, broker}) {
                if (p != null) {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
        System.exit(0);
    }

    /** mosquitto on {@code address:port} taking anyone, as a broker that tells nothing about its device. */
    private static Process startAnonymousBroker(String namespace, String address, int port) throws Exception {
        Path conf = Files.createTempFile("device-scan-bench-mosquitto", ".conf");
        conf.toFile().deleteOnExit();
        Files.write(conf, List.of("listener " + port + " " + address, "allow_anonymous true", "persistence false",
                "log_dest none", "user " + System.getProperty("user.name")));
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.addAll(List.of(RealPeers.mosquitto().toString(), "-c", conf.toString()));
        Process broker = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 500);
                System.out.println("anonymous MQTT broker (nothing published) at " + address + ":" + port);
                return broker;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    broker.destroyForcibly();
                    throw new IllegalStateException("mosquitto did not listen on " + address + ":" + port);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static JsonObject stats(Process site, BufferedReader siteOut) throws IOException {
        OutputStream in = site.getOutputStream();
        in.write("stats\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        return JsonParser.parseString(siteOut.readLine()).getAsJsonObject();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DeviceScanBenchmark.class.getClassLoader().getResource(name).toURI());
    }
}
