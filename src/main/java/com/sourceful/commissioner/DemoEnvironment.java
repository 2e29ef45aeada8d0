package com.sourceful.commissioner;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.common.AppConfig;

/**
 * Demo mode: a simulated Zap (announced over mDNS) and a Novacore stand-in, both on loopback, with the app pointed
 * at them. Nothing leaves this computer.
 */
public final class DemoEnvironment implements AutoCloseable {

    private final ZapSimulator zap;
    private final NovacoreStandIn novacore;
    private final ModbusTcpStandIn modbus;
    /** What the demo's Modbus stand-in says it is (Sungrow's identity registers: serial, type code 0xE03). */
    public static final ModbusTcpStandIn.SungrowIdentity DEMO_INVERTER =
            new ModbusTcpStandIn.SungrowIdentity("A2231234567", 0xE03);
    private final AppConfig config;

    private DemoEnvironment(ZapSimulator zap, NovacoreStandIn novacore, ModbusTcpStandIn modbus, AppConfig config) {
        this.zap = zap;
        this.novacore = novacore;
        this.modbus = modbus;
        this.config = config;
    }

    public static DemoEnvironment start() throws IOException {
        return start(true);
    }

    /**
     * @param announceMdns false: the simulated Zap is not announced, so only this app (which knows its address)
     *                     talks to it — not other programs on this computer browsing mDNS on loopback; for the
     *                     gateway-load benchmark, which counts what the app asks
     */
    public static DemoEnvironment start(boolean announceMdns) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ZapSimulator zap = ZapSimulator.builder().bindAddress(loopback).port(0).announceMdns(announceMdns).start();
        NovacoreStandIn novacore;
        ModbusTcpStandIn modbus;
        try {
            novacore = NovacoreStandIn.start(loopback, 0, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            zap.close();
            throw e;
        }
        try {
            // The laptop-side preflight needs something to reach: a Modbus TCP stand-in answering unit ids 1-3. It
            // says it is a Sungrow SH10RT, so the demo's device scan finds and names it, and the Zap's identity check
            // after adding confirms it.
            modbus = ModbusTcpStandIn.start(loopback, 0, Set.of(1, 2, 3), DEMO_INVERTER);
        } catch (IOException | RuntimeException e) {
            zap.close();
            novacore.close();
            throw e;
        }
        // Any Ed25519 key may sign in to the demo's Novacore; a real one knows its technicians.
        novacore.setAcceptAnyTechnician(true);
        // Novacore knows the demo Zap's real key, and nobody has claimed it: as a new Zap on a first visit, the
        // technician claims it on the Prepare step (its org comes from the demo sites' org_id).
        novacore.registerGateway(zap.serial(), zap.publicKeyHex());
        String token = novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(24));
        // The simulator is checked at once, found again by mDNS and by a sweep of 127.0.0.0/24 on its port; demo mode
        // remembers nothing, so a demo never fills the technician's list of recent Zaps.
        ZapDiscovery.Options discovery = new ZapDiscovery.Options(List.of(loopback),
                List.of(Subnet.parse("127.0.0.0/24")), zap.port(), List.of(zap.baseUri()), Optional.empty(),
                Duration.ofSeconds(3), Duration.ofSeconds(5));
        Map<String, Map<String, String>> prefill = Map.of("modbus_tcp",
                Map.of("ip", loopback.getHostAddress(), "port", String.valueOf(modbus.port())));
        // A demo's outbox is its own, so a demo never leaves requests in the technician's real one.
        Path outbox = Files.createTempDirectory("zap-commissioner-demo-outbox");
        // Its visits too: a demo's Zap has another serial and port at each start, so its visit is not for resuming.
        Path visits = Files.createTempDirectory("zap-commissioner-demo-visits");
        AppConfig config = new AppConfig(true, discovery, Optional.of(novacore.baseUri()), Optional.of(token), prefill,
                outbox, Optional.of(visits));
        return new DemoEnvironment(zap, novacore, modbus, config);
    }

    public AppConfig config() {
        return config;
    }

    public ZapSimulator zap() {
        return zap;
    }

    public NovacoreStandIn novacore() {
        return novacore;
    }

    public ModbusTcpStandIn modbus() {
        return modbus;
    }

    @Override
    public void close() {
        modbus.close();
        novacore.close();
        zap.close();
    }
}
