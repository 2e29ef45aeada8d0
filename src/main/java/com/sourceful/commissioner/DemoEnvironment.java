package com.sourceful.commissioner;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
        AppConfig config = new AppConfig(true, List.of(loopback), List.of(zap.baseUri()),
                Optional.of(novacore.baseUri()), Optional.of(token));
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
