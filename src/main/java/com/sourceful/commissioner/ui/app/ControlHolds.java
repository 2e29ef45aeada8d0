package com.sourceful.commissioner.ui.app;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlRelease;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.sitevisit.ControlReleaseOfferViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitStore;

/**
 * Control that an earlier run took and never saw given back (it was killed, or the Zap did not answer the release):
 * found in the saved visits, released on request, and then taken out of the visit it is recorded in. Off the JavaFX
 * thread.
 */
final class ControlHolds implements ControlReleaseOfferViewModel.Holds {

    private final ReturnVisits.Visits visits;
    private final ZapClients zapClients;
    private final Clock clock;

    ControlHolds(ReturnVisits.Visits visits, ZapClients zapClients, Clock clock) {
        this.visits = visits;
        this.zapClients = zapClients;
        this.clock = clock;
    }

    @Override
    public List<ControlReleaseOfferViewModel.Held> held() throws IOException {
        Optional<VisitStore> store = visits.store();
        if (store.isEmpty()) {
            return List.of();
        }
        List<ControlReleaseOfferViewModel.Held> held = new ArrayList<>();
        for (SiteVisit v : store.get().history()) {
            for (ControlHold h : v.session().controlHolds()) {
                String name = v.session().visits().stream()
                        .filter(d -> d.gatewaySerial().equals(h.zapSerial()) && d.device().sn().equals(h.deviceSn()))
                        .map(d -> d.device().displayName()).findFirst().orElse(h.deviceSn());
                held.add(new ControlReleaseOfferViewModel.Held(v.id(), name, h));
            }
        }
        return held;
    }

    @Override
    public Optional<String> release(ControlReleaseOfferViewModel.Held held) throws IOException {
        ControlHold hold = held.hold();
        Optional<String> problem = ControlRelease.release(zapClients.forZap(hold.zapUri()), hold.deviceSn());
        if (problem.isEmpty()) {
            forget(held);
        }
        return problem;
    }

    /** Takes the hold out of the visit it is recorded in (the visit keeps everything else, finished or not). */
    private void forget(ControlReleaseOfferViewModel.Held held) throws IOException {
        Optional<VisitStore> store = visits.store();
        if (store.isEmpty()) {
            return;
        }
        for (SiteVisit v : store.get().history()) {
            if (v.id().equals(held.visitId())) {
                CommissioningSession session = CommissioningSession.restore(v.session());
                session.controlReleased(held.hold());
                store.get().save(new SiteVisit(v.id(), v.startedAt(), clock.instant(), v.finished(),
                        session.snapshot()));
            }
        }
    }
}
