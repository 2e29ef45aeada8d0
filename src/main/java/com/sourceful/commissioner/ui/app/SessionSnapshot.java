package com.sourceful.commissioner.ui.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;

/**
 * The session's snapshot read through its getters, for the site overview until {@code CommissioningSession.snapshot()}
 * is merged (then the overview takes {@code session::snapshot} and this goes). Lacks the site chosen and the Wi-Fi
 * changes, which the session does not keep yet.
 */
final class SessionSnapshot {

    private SessionSnapshot() {
    }

    static CommissioningSession.Snapshot of(CommissioningSession session) {
        List<CommissioningSession.DeviceVisit> visits = session.visits();
        Map<String, String> claims = new LinkedHashMap<>();
        session.gateway().ifPresent(g -> session.claimedBy(g.serial()).ifPresent(org -> claims.put(g.serial(), org)));
        visits.forEach(v -> session.claimedBy(v.gatewaySerial()).ifPresent(org -> claims.put(v.gatewaySerial(), org)));
        Optional<String> current = session.device().map(d -> session.gateway().map(g -> g.serial()).orElse("")
                + "/" + d.sn());
        return new CommissioningSession.Snapshot(session.gateway(), Optional.empty(), visits, current,
                session.loadTests(), session.removals(), List.of(), claims, session.technician(), session.history());
    }
}
