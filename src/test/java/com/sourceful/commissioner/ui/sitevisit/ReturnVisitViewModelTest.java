package com.sourceful.commissioner.ui.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitComparison;
import com.sourceful.commissioner.visit.VisitComparison.Change;
import com.sourceful.commissioner.visit.VisitComparison.Kind;
import com.sourceful.commissioner.visit.VisitComparison.Tone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The changes since the last visit in words, grouped per device, in English and Swedish. */
class ReturnVisitViewModelTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @AfterEach
    void defaultLanguage() {
        Messages.setLanguage(null);
    }

    private static SiteVisit earlier(Optional<String> technician) {
        CommissioningSession.Snapshot snapshot = new CommissioningSession.Snapshot(
                Optional.of(new CommissioningSession.Gateway("zap-0a1b2c3d", URI.create("http://127.0.0.1:9"),
                        "1.4.2")), Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
                Map.of(), technician, List.of());
        return new SiteVisit(UUID.randomUUID().toString(), Instant.parse("2026-11-05T08:30:00Z"),
                Instant.parse("2026-11-05T10:00:00Z"), true, snapshot);
    }

    private static final List<Change> CHANGES = List.of(
            new Change(Kind.FIRMWARE_CHANGED, "", "", "", "1.4.2", "1.5.0"),
            new Change(Kind.PUBLISHING_CHANGED, "SG01", "Sungrow", "battery", "true", "false"),
            new Change(Kind.DEVICE_ADDED, "FA02", "ferroamp", "", "", "ferroamp"),
            new Change(Kind.DEVICE_RECONFIGURED, "SG01", "Sungrow", "unit_id", "1", "2"),
            new Change(Kind.NOVACORE_STATE, "SG01", "Sungrow", "dev-1", "pending", "active"),
            new Change(Kind.NOVACORE_STATE, "P1X", "P1 meter", "dev-2", "pending", "pending"),
            new Change(Kind.OUTBOX_NOT_SENT, "AMB3", "Ambibox", "obx-1", "PENDING", "FAILED"),
            new Change(Kind.NOT_CHECKED, "", "", Kind.NOVACORE_SIGNED_OUT, "", ""));

    @Test
    void theChangesAreGroupedPerDeviceTheZapFirstEachInItsTone() {
        Messages.setLanguage("en");
        ReturnVisitViewModel vm = new ReturnVisitViewModel(new VisitComparison.Result(
                earlier(Optional.of("Anna Andersson")), "zap-0a1b2c3d", CHANGES), STOCKHOLM);

        assertThat(vm.sinceLine()).isEqualTo("Since the visit on 5 Nov 2026 (Anna Andersson)");
        assertThat(vm.notificationTitle()).isEqualTo("Zap zap-0a1b2c3d was visited before");
        assertThat(vm.notificationText()).as("what was not checked is not counted as a change")
                .isEqualTo("7 changes since the visit on 5 Nov 2026.");
        assertThat(vm.tone()).isEqualTo(Tone.WARNING);
        assertThat(vm.groups()).containsExactly(
                new ReturnVisitViewModel.Group("Zap zap-0a1b2c3d", List.of(
                        new ReturnVisitViewModel.Line("Firmware 1.4.2 → 1.5.0", Tone.INFO),
                        new ReturnVisitViewModel.Line("Novacore not checked: not signed in. Sign in on the Provision"
                                + " step to see the status of the devices provisioned then.", Tone.WARNING))),
                new ReturnVisitViewModel.Group("Sungrow (SG01)", List.of(
                        new ReturnVisitViewModel.Line("DER battery no longer publishes", Tone.WARNING),
                        new ReturnVisitViewModel.Line("unit_id: 1 → 2", Tone.WARNING),
                        new ReturnVisitViewModel.Line("Status in Novacore: pending → active", Tone.INFO))),
                new ReturnVisitViewModel.Group("ferroamp (FA02)", List.of(new ReturnVisitViewModel.Line(
                        "On the Zap now, not in that visit: added since, or not worked on then", Tone.WARNING))),
                new ReturnVisitViewModel.Group("P1 meter (P1X)", List.of(
                        new ReturnVisitViewModel.Line("Still pending in Novacore", Tone.WARNING))),
                new ReturnVisitViewModel.Group("Ambibox (AMB3)", List.of(new ReturnVisitViewModel.Line(
                        "Its request to Novacore is still in the outbox (failed)", Tone.WARNING))));
    }

    @Test
    void nothingChangedSaysSinceWhen() {
        Messages.setLanguage("en");
        ReturnVisitViewModel vm = new ReturnVisitViewModel(new VisitComparison.Result(earlier(Optional.empty()),
                "zap-0a1b2c3d", List.of()), STOCKHOLM);

        assertThat(vm.nothingChanged()).isTrue();
        assertThat(vm.sinceLine()).isEqualTo("Since the visit on 5 Nov 2026");
        assertThat(vm.nothingLine()).isEqualTo("No changes since 5 Nov 2026.");
        assertThat(vm.notificationText()).isEqualTo("No changes since the visit on 5 Nov 2026.");
        assertThat(vm.tone()).isEqualTo(Tone.INFO);
        assertThat(vm.groups()).isEmpty();
    }

    @Test
    void aZapNotCheckedIsNotNoChange() {
        Messages.setLanguage("en");
        ReturnVisitViewModel vm = new ReturnVisitViewModel(new VisitComparison.Result(earlier(Optional.empty()),
                "zap-0a1b2c3d", List.of(new Change(Kind.NOT_CHECKED, "", "", Kind.ZAP, "",
                        "The Zap does not answer."))), STOCKHOLM);

        assertThat(vm.nothingChanged()).isFalse();
        assertThat(vm.notificationText()).isEqualTo("Not everything could be checked since the visit on 5 Nov 2026:"
                + " see what.");
        assertThat(vm.tone()).isEqualTo(Tone.WARNING);
        assertThat(vm.groups()).containsExactly(new ReturnVisitViewModel.Group("Zap zap-0a1b2c3d", List.of(
                new ReturnVisitViewModel.Line("Could not check the Zap: The Zap does not answer.", Tone.WARNING))));
    }

    @Test
    void inSwedish() {
        Messages.setLanguage("sv");
        ReturnVisitViewModel vm = new ReturnVisitViewModel(new VisitComparison.Result(
                earlier(Optional.of("Anna Andersson")), "zap-0a1b2c3d", CHANGES.subList(0, 2)), STOCKHOLM);

        assertThat(vm.sinceLine()).isEqualTo("Sedan besöket 5 nov. 2026 (Anna Andersson)");
        assertThat(vm.notificationText()).isEqualTo("2 ändringar sedan besöket 5 nov. 2026.");
        assertThat(vm.groups().get(1).lines().get(0).text()).isEqualTo("DER battery publiceras inte längre");
    }
}
