package com.sourceful.commissioner.ui.sitevisit;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/** Hand-built snapshots: Villa Solsidan, two Zaps, a device in each state. */
final class VisitSnapshots {

    static final CommissioningSession.Gateway ZAP1 =
            new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0");
    static final CommissioningSession.Gateway ZAP2 =
            new CommissioningSession.Gateway("ZAP2", URI.create("http://127.0.0.1:2"), "1.0");
    static final CommissioningSession.Identity IDENTITY = new CommissioningSession.Identity(Optional.of("Sungrow"),
            Optional.of("SH10RT"), Optional.of("A2231"));

    private VisitSnapshots() {
    }

    static CommissioningSession.Device device(String sn, String name) {
        return new CommissioningSession.Device(sn, "sungrow", "inverters", name,
                DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1")), List.of(new Der("pv", false)));
    }

    static DeviceVisit visit(String zap, String sn, String name, boolean live, List<String> published,
                             ProvisionResult result, String outboxId) {
        return new DeviceVisit(zap, device(sn, name), Optional.empty(), published,
                Optional.ofNullable(live ? new CommissioningSession.LiveSnapshot(Instant.EPOCH, List.of()) : null),
                Optional.empty(), Optional.ofNullable(result), Optional.ofNullable(outboxId), Optional.empty(),
                Optional.of(IDENTITY));
    }

    /**
     * On ZAP1 (claimed, the one chosen): an inverter provisioned, a meter that publishes nothing, a charger waiting in
     * the outbox, and an old device removed; on ZAP2 (not claimed, joined Site-WiFi): a battery only added.
     */
    static Snapshot solsidan() {
        ProvisionResult result = new ProvisionResult(true, "dev-1", "INV1", "sit-1", "active", List.of());
        return new Snapshot(Optional.of(ZAP1), Optional.of(new CommissioningSession.SiteChoice(Optional.of("sit-1"),
                "Villa Solsidan")),
                List.of(visit("ZAP1", "INV1", "Sungrow SH10RT", true, List.of("pv", "battery"), result, null),
                        visit("ZAP1", "MTR1", "P1 meter", true, List.of(), null, null),
                        visit("ZAP1", "EVC1", "Charger", true, List.of("v2x_charger"), null, "obx-1"),
                        visit("ZAP2", "BAT1", "Battery", false, List.of(), null, null)),
                Optional.of("ZAP1/INV1"), List.of(),
                List.of(new CommissioningSession.Removal("ZAP1", "OLD1", "solis", Instant.EPOCH)),
                List.of(new CommissioningSession.WifiChange("ZAP2", "Site-WiFi", URI.create("http://127.0.0.1:3"),
                        Instant.EPOCH)),
                Map.of("ZAP1", "org-1"), Optional.empty(), List.of(result));
    }
}
