package com.sourceful.commissioner.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlCheckRun;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlLedger;
import com.sourceful.commissioner.control.ControlPlan;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * A control check in a JVM of its own, for {@link ControlKillDrillUiTest} to kill while it holds control: nothing of
 * it runs after the kill (no finally, no release), as when the laptop's battery dies. It records the visit as the
 * app does, the hold saved before {@code init}, and prints {@code HOLDING} once the setpoint is in force.
 * <p>
 * Arguments: the Zap's address, its serial, the device's serial, the visits folder.
 */
public final class KilledControlCheck {

    private KilledControlCheck() {
    }

    public static void main(String[] args) throws Exception {
        URI zap = URI.create(args[0]);
        String zapSerial = args[1];
        String sn = args[2];
        VisitStore store = new VisitStore(Path.of(args[3]));
        CommissioningSession session = new CommissioningSession();
        session.selectGateway(new CommissioningSession.Gateway(zapSerial, zap, "1.4.2"));
        String id = UUID.randomUUID().toString();
        Instant began = Instant.now();
        ControlLedger ledger = new ControlLedger() {
            @Override
            public void taken(ControlHold hold) throws IOException {
                session.controlTaken(hold);
                store.save(new SiteVisit(id, began, Instant.now(), false, session.snapshot()));
            }

            @Override
            public void released(ControlHold hold) {
                throw new AssertionError("killed before the release");
            }

            @Override
            public void finished(ControlResult result) {
                throw new AssertionError("killed before the end");
            }
        };
        ControlPlan plan = new ControlPlan(zapSerial, zap, sn, ControlAction.CHARGE, 1000, Duration.ofSeconds(120));
        try (ZapClient client = new ZapClient(zap)) {
            new ControlCheckRun(plan, client, ledger, Clock.systemUTC(), Duration.ofMillis(200)).run(p -> {
                if (p.stage() == ControlCheckRun.Stage.HOLDING) {
                    System.out.println("HOLDING");
                    System.out.flush();
                }
            });
        }
    }
}
