package com.sourceful.commissioner.testsupport;

import java.io.IOException;
import java.net.InetAddress;

import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;

/**
 * A simulated Zap on 127.0.0.1 (no mDNS) and a Novacore stand-in that knows its key but has not seen it claimed: a
 * new Zap on a first visit, for the claim tests of the command line, the claim panel and Provision.
 */
public record NewZapAndNovacore(ZapSimulator zap, NovacoreStandIn novacore) implements AutoCloseable {

    public static NewZapAndNovacore start() throws IOException {
        ZapSimulator zap = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0)
                .announceMdns(false).start();
        try {
            NovacoreStandIn novacore = NovacoreStandIn.start();
            novacore.registerGateway(zap.serial(), zap.publicKeyHex());
            return new NewZapAndNovacore(zap, novacore);
        } catch (IOException | RuntimeException e) {
            zap.close();
            throw e;
        }
    }

    @Override
    public void close() {
        zap.close();
        novacore.close();
    }
}
