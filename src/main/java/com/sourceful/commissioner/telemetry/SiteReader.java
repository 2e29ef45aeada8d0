package com.sourceful.commissioner.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapDevice;
import com.sourceful.commissioner.zap.ZapException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rest of a site for a load test: the Zap's other devices (a P1 meter's PV and battery are other devices on
 * the same Zap), one request at a time. The devices are listed on the first read and kept for the test. A device that
 * does not answer, or has no reading yet, is left out of that read (the load test then skips it, or never counts it).
 * Call from one background task at a time.
 */
public final class SiteReader {

    private static final Logger LOG = LoggerFactory.getLogger(SiteReader.class);

    private final ZapClient client;
    private final String meterSn;
    private List<String> others;

    public SiteReader(ZapClient client, String meterSn) {
        this.client = client;
        this.meterSn = meterSn;
    }

    /** The latest snapshot of each other device of the Zap, by serial number. */
    public synchronized Map<String, TelemetrySnapshot> others() throws ZapException {
        if (others == null) {
            List<String> sns = new ArrayList<>();
            for (ZapDevice d : client.devices()) {
                if (!d.sn().equals(meterSn)) {
                    sns.add(d.sn());
                }
            }
            others = List.copyOf(sns);
        }
        Map<String, TelemetrySnapshot> read = new LinkedHashMap<>();
        for (String sn : others) {
            try {
                Optional<TelemetrySnapshot> s = client.telemetry(sn);
                s.ifPresent(snapshot -> read.put(sn, snapshot));
            } catch (ZapException e) {
                LOG.debug("No reading of {} for the load test: {}", sn, e.toString());
            }
        }
        return read;
    }

    /** The meter's device and every other device, read now; empty while the meter's device has no meter reading. */
    public Optional<SiteReading> read() throws ZapException {
        Optional<TelemetrySnapshot> own = client.telemetry(meterSn);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        return SiteReading.of(meterSn, own.get(), others());
    }
}
