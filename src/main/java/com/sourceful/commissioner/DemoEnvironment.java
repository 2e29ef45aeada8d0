package com.sourceful.commissioner;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.AppConfig;

/**
 * Demo mode: a simulated Zap (announced over mDNS) and a Novacore stand-in, both on loopback, with the app pointed
 * at them. Nothing leaves this computer.
 */
public final class DemoEnvironment implements AutoCloseable {

    private final ZapSimulator zap;
    private final NovacoreStandIn novacore;
    private final AppConfig config;

    private DemoEnvironment(ZapSimulator zap, NovacoreStandIn novacore, AppConfig config) {
        this.zap = zap;
        this.novacore = novacore;
        this.config = config;
    }

    public static DemoEnvironment start() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ZapSimulator zap = ZapSimulator.builder().bindAddress(loopback).port(0).announceMdns(true).start();
        NovacoreStandIn novacore;
        try {
            novacore = NovacoreStandIn.start(loopback, 0, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            zap.close();
            throw e;
        }
        String token = novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(24));
        // The simulator is checked at once, found again by mDNS and by a sweep of 127.0.0.0/24 on its port; demo mode
        // remembers nothing, so a demo never fills the technician's list of recent Zaps.
        ZapDiscovery.Options discovery = new ZapDiscovery.Options(List.of(loopback),
                List.of(Subnet.parse("127.0.0.0/24")), zap.port(), List.of(zap.baseUri()), Optional.empty(),
                Duration.ofSeconds(3), Duration.ofSeconds(5));
        AppConfig config = new AppConfig(true, discovery, Optional.of(novacore.baseUri()), Optional.of(token));
        return new DemoEnvironment(zap, novacore, config);
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

    @Override
    public void close() {
        novacore.close();
        zap.close();
    }
}
