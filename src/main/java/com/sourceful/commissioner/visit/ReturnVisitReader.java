package com.sourceful.commissioner.visit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.novacore.ProvisionedDevice;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.visit.VisitComparison.DeviceNow;
import com.sourceful.commissioner.visit.VisitComparison.Now;
import com.sourceful.commissioner.visit.VisitComparison.Reading;
import com.sourceful.commissioner.visit.VisitComparison.ZapNow;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapDevice;
import com.sourceful.commissioner.zap.ZapException;

/**
 * Reads what {@link VisitComparison} compares an earlier visit with: the Zap's firmware, devices and their DERs'
 * publish flags, Novacore's devices at the sites the visit provisioned to (only when signed in), and the outbox. A
 * read that fails is kept as its reason ("could not check"), never thrown away, and the other reads go on. Blocking
 * network I/O: call it off the JavaFX thread.
 */
public final class ReturnVisitReader {

    /** Novacore's devices at a site, with the signed-in technician's token (which this class never sees). */
    @FunctionalInterface
    public interface SiteDevices {
        List<ProvisionedDevice> at(String siteId) throws NovacoreException;
    }

    private final Function<Exception, String> describe;

    /** @param describe a failure's reason as the technician is told it (never a token) */
    public ReturnVisitReader(Function<Exception, String> describe) {
        this.describe = describe;
    }

    /**
     * What is read now for comparing {@code earlier} on the Zap {@code zapSerial}.
     *
     * @param novacore Novacore's devices by site; empty when not signed in (Novacore is then not checked)
     * @param outbox   the outbox's entries (read once)
     */
    public Now read(SiteVisit earlier, String zapSerial, ZapClient zap, Optional<SiteDevices> novacore,
                    Supplier<List<Outbox.Entry>> outbox) {
        Reading<List<Outbox.Entry>> entries = readOutbox(outbox);
        Reading<ZapNow> zapNow = readZap(zap);
        List<String> sites = VisitComparison.provisionedSites(earlier, zapSerial, entries.value().orElse(List.of()));
        Optional<Reading<List<ProvisionedDevice>>> novacoreNow = novacore.map(n -> readNovacore(n, sites));
        return new Now(zapNow, novacoreNow, entries);
    }

    private Reading<List<Outbox.Entry>> readOutbox(Supplier<List<Outbox.Entry>> outbox) {
        try {
            return Reading.of(List.copyOf(outbox.get()));
        } catch (RuntimeException e) {
            return Reading.failed(describe.apply(e));
        }
    }

    private Reading<ZapNow> readZap(ZapClient zap) {
        try {
            String firmware = zap.system().firmwareVersion();
            List<DeviceNow> devices = new ArrayList<>();
            for (ZapDevice d : zap.devices()) {
                if (Thread.currentThread().isInterrupted()) {
                    return Reading.failed(describe.apply(new InterruptedException("cancelled")));
                }
                devices.add(new DeviceNow(d, readDers(zap, d.sn())));
            }
            return Reading.of(new ZapNow(firmware, devices));
        } catch (ZapException e) {
            return Reading.failed(describe.apply(e));
        }
    }

    private Reading<List<Der>> readDers(ZapClient zap, String sn) {
        try {
            return Reading.of(zap.ders(sn));
        } catch (ZapException e) {
            return Reading.failed(describe.apply(e));
        }
    }

    private Reading<List<ProvisionedDevice>> readNovacore(SiteDevices novacore, List<String> siteIds) {
        List<ProvisionedDevice> all = new ArrayList<>();
        for (String siteId : siteIds) {
            try {
                all.addAll(novacore.at(siteId));
            } catch (NovacoreException e) {
                return Reading.failed(describe.apply(e));
            }
        }
        return Reading.of(List.copyOf(all));
    }
}
