package com.sourceful.commissioner.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NoRouteToHostException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;

/** How the Find step presents what discovery reports: one row per serial, silent rows kept, an explained empty list. */
class FindViewModelTest {

    private final FindViewModel vm = new FindViewModel(Tasks.currentThread(),
            new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.0/24")), 80, List.of(),
                    Optional.empty(), null, null), Optional.empty(), Optional.empty()),
            new CommissioningSession(), () -> new ZapDiscovery(Clock.systemUTC()));

    private static FoundZap zap(String serial, String host, FoundZap.Source source, boolean answering) {
        return new FoundZap(serial, URI.create("http://" + host + "/"), "1.4.2", Optional.of("Site-WiFi"),
                OptionalInt.of(-60), Optional.of(true), 2, Set.of(source), Instant.EPOCH, answering);
    }

    @Test
    void theSameSerialStaysOneRowAndTheSelectionFollowsIt() {
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.selectedProperty().get().serial()).isEqualTo("zap-0000000a");
        vm.found(zap("zap-0000000a", "127.0.0.9", FoundZap.Source.SWEEP, true));
        assertThat(vm.selectedProperty().get().address()).as("the newest address").isEqualTo("127.0.0.9");
        vm.found(zap("zap-0000000b", "127.0.0.3", FoundZap.Source.SWEEP, true));
        assertThat(vm.zaps()).extracting(FoundZap::serial).containsExactly("zap-0000000a", "zap-0000000b");
        assertThat(vm.statusProperty().get()).isEqualTo("2 Zaps found. Still listening for more.");
    }

    @Test
    void aSilentZapIsKeptGreyedAndCannotBeChosen() {
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.readyProperty().get()).isTrue();
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, false));
        assertThat(vm.zaps()).singleElement().satisfies(z -> assertThat(z.answering()).isFalse());
        assertThat(vm.readyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("1 Zap; 1 not answering");
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.readyProperty().get()).isTrue();
    }

    @Test
    void anEmptyListExplainsWhatWasTriedOnceEverythingWasTried() {
        DiscoveryReport sweeping = new DiscoveryReport(List.of("127.0.0.1"), true, Optional.of(false),
                List.of("127.0.0.0/24"), 100, 254, true, 0);
        vm.reported(sweeping);
        assertThat(vm.nothingFoundProperty().get()).as("still sweeping").isEmpty();
        assertThat(vm.sweepTextProperty().get()).isEqualTo("Scanning: 100 of 254 addresses");

        DiscoveryReport done = new DiscoveryReport(List.of("127.0.0.1"), true, Optional.of(false),
                List.of("127.0.0.0/24"), 254, 254, false, 1);
        vm.reported(done);
        assertThat(vm.nothingFoundProperty().get())
                .contains("mDNS queries sent on 127.0.0.1")
                .contains("zap.local did not resolve")
                .contains("254 addresses probed in 127.0.0.0/24")
                .contains("One device answered but is not a Zap.")
                .contains("client isolation").contains("Public");

        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.TYPED, true));
        assertThat(vm.nothingFoundProperty().get()).isEmpty();
    }

    @Test
    void anMdnsRecordWhoseAddressDoesNotAnswerIsNamed() {
        String text = FindViewModel.explain(new DiscoveryReport(List.of("127.0.0.1"), true, Optional.of(false),
                List.of(), 0, 0, false, 0, List.of(
                        new DiscoveryReport.UnansweredMdns("zap-1a2b3c4d", "127.0.0.1", 40123,
                                ZapException.Kind.UNREACHABLE, 0),
                        new DiscoveryReport.UnansweredMdns("zap-99", "192.168.1.20", 80,
                                ZapException.Kind.TIMEOUT, 0),
                        new DiscoveryReport.UnansweredMdns("zap-98", "192.168.1.21", 80,
                                ZapException.Kind.REJECTED, 503))));
        assertThat(text)
                .contains("zap-1a2b3c4d was announced over mDNS at 127.0.0.1:40123, but nothing answered there")
                .contains("nothing accepts connections")
                .contains("zap-99 was announced over mDNS at 192.168.1.20:80").contains("no answer in time")
                .contains("it answered HTTP 503")
                .contains("asked again");
    }

    @Test
    void withoutMulticastTheExplanationSaysSo() {
        String text = FindViewModel.explain(new DiscoveryReport(List.of(), false, Optional.of(false), List.of(), 0, 0,
                false, 0));
        assertThat(text).contains("No mDNS").contains("No network to scan");
    }

    @Test
    void aTypedAddressIsValidatedAsYouType() {
        vm.typedAddressProperty().set("192.168.1.20");
        assertThat(vm.typedAddressValidProperty().get()).isTrue();
        assertThat(vm.typedProblemProperty().get()).isEmpty();
        vm.typedAddressProperty().set("zap.local:8080");
        assertThat(vm.typedAddressValidProperty().get()).isTrue();
        vm.typedAddressProperty().set("192.168.1.20:99999");
        assertThat(vm.typedAddressValidProperty().get()).isFalse();
        assertThat(vm.typedProblemProperty().get()).startsWith("Not an address");
        vm.typedAddressProperty().set("two words");
        assertThat(vm.typedAddressValidProperty().get()).isFalse();
        vm.typedAddressProperty().set("");
        assertThat(vm.typedProblemProperty().get()).as("empty is not an error").isEmpty();
    }

    @Test
    void aTypedCheckLeavesNoSpinnerAndNoStaleCause_whetherAZapAnswersOrNot() throws Exception {
        ZapDiscovery.Options noSearch = new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(), Optional.empty(),
                null, null);
        try (ZapSimulator zap = ZapSimulator.builder().port(0).start()) {
            FindViewModel find = new FindViewModel(Tasks.currentThread(),
                    new AppConfig(false, noSearch, Optional.empty(), Optional.empty()), new CommissioningSession(),
                    () -> new ZapDiscovery(Clock.systemUTC()));
            find.enter();
            find.typedAddressProperty().set("127.0.0.1:" + StubServer.closedPort());
            find.checkTypedAddress();
            assertThat(find.errorProperty().get()).isNotEmpty();
            assertThat(find.errorCauseProperty().get()).isNotNull();
            assertThat(find.busyProperty().get()).as("busy after a check nobody answered").isFalse();

            find.typedAddressProperty().set("127.0.0.1:" + zap.port());
            find.checkTypedAddress();
            assertThat(find.selectedProperty().get().serial()).isEqualTo(zap.serial());
            assertThat(find.errorProperty().get()).isEmpty();
            assertThat(find.errorCauseProperty().get()).as("the cause goes with the error").isNull();
            assertThat(find.busyProperty().get()).as("busy after a check that found a Zap").isFalse();
            find.shutdown();
        }
    }

    @Test
    void withTwoAnsweringZapsNothingIsChosenByItselfAndTheTechniciansChoiceStays() {
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.selectedProperty().get()).as("one Zap: nothing to choose between").isNotNull();
        vm.found(zap("zap-0000000b", "127.0.0.3", FoundZap.Source.SWEEP, true));
        assertThat(vm.selectedProperty().get()).as("a second Zap undoes the step's own choice").isNull();
        assertThat(vm.readyProperty().get()).isFalse();
        vm.choose(vm.zaps().get(1));
        vm.found(zap("zap-0000000c", "127.0.0.4", FoundZap.Source.SWEEP, true));
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.selectedProperty().get().serial()).as("the technician's choice").isEqualTo("zap-0000000b");
    }

    @Test
    void demoModeChoosesItsOwnZapAmongOthers() {
        FindViewModel demo = new FindViewModel(Tasks.currentThread(),
                new AppConfig(true, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(), Optional.empty(),
                        null, null), Optional.empty(), Optional.empty()),
                new CommissioningSession(), () -> new ZapDiscovery(Clock.systemUTC()));
        demo.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(demo.selectedProperty().get()).as("another process's Zap is not the demo's").isNull();
        demo.found(zap("zap-0000000d", "127.0.0.1", FoundZap.Source.KNOWN, true));
        assertThat(demo.selectedProperty().get().serial()).isEqualTo("zap-0000000d");
    }

    @Test
    void theStatusIsOneShortSummaryAndEachSilentZapsReasonIsInItsRow() {
        vm.found(zap("zap-00000001", "127.0.0.2", FoundZap.Source.MDNS, true));
        for (int i = 2; i <= 7; i++) {
            String serial = "zap-0000000" + i;
            vm.found(zap(serial, "127.0.0." + (i + 1), FoundZap.Source.MDNS, false));
            vm.silentBecause(serial, new ZapException(ZapException.Kind.TIMEOUT, "GET /api/system", 0, null, null,
                    null));
        }
        assertThat(vm.statusProperty().get()).isEqualTo("7 Zaps; 6 not answering");
        FoundZap silent = vm.zaps().get(3);
        assertThat(vm.rowNote(silent)).startsWith("Not answering: ").contains("Checked again");
        assertThat(vm.rowNote(vm.zaps().get(0))).isEmpty();
        Messages.setLanguage("sv");
        try {
            vm.found(zap("zap-00000008", "127.0.0.9", FoundZap.Source.MDNS, false));
            assertThat(vm.statusProperty().get()).isEqualTo("8 Zappar; 7 svarar inte");
            vm.found(zap("zap-00000008", "127.0.0.9", FoundZap.Source.MDNS, true));
            assertThat(vm.statusProperty().get()).isEqualTo("8 Zappar; 6 svarar inte");
        } finally {
            Messages.setLanguage("en");
        }
    }

    @Test
    void aZapWhoseSerialIsUnconfirmedSaysSoInItsRowAndCarriesItToTheSession() {
        CommissioningSession session = new CommissioningSession();
        FindViewModel find = new FindViewModel(Tasks.currentThread(),
                new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(), Optional.empty(),
                        null, null), Optional.empty(), Optional.empty()),
                session, () -> new ZapDiscovery(Clock.systemUTC()));
        FoundZap unconfirmed = new FoundZap("zap-04772a97", URI.create("http://127.0.0.2/"), "1.0", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), 0, Set.of(FoundZap.Source.TYPED), Instant.EPOCH, true, false);
        find.found(unconfirmed);
        assertThat(find.rowNote(find.zaps().get(0))).contains("Serial not confirmed", "/api/crypto");
        find.next(() -> { });
        assertThat(session.gateway().orElseThrow().serialConfirmed()).isFalse();
    }

    @Test
    void theOnlyZapStaysChosenWhileItIsSilentAndAnotherZapIsNotChosenInstead() {
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, false));
        assertThat(vm.selectedProperty().get().serial()).as("still chosen while silent").isEqualTo("zap-0000000a");
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.selectedProperty().get().serial()).isEqualTo("zap-0000000a");
        assertThat(vm.readyProperty().get()).isTrue();
    }

    private static FindViewModel on(Os os) {
        AppConfig config = new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(),
                Optional.empty(), null, null), Optional.empty(), Optional.empty());
        return new FindViewModel(Tasks.currentThread(), CompletableFuture.completedFuture(config), false,
                new CommissioningSession(), () -> new ZapDiscovery(Clock.systemUTC()), os);
    }

    /** A LAN (only data: nothing is sent there) where mDNS ran and heard nothing, and the sweep is over. */
    private static DiscoveryReport mdnsSilentOnALan(boolean multicastNoRoute) {
        return new DiscoveryReport(List.of("192.168.1.5"), true, Optional.of(false), List.of("192.168.1.0/24"), 254,
                254, false, 0, List.of(), multicastNoRoute);
    }

    @Test
    void zapsFoundByTheSweepWhileMdnsIsSilentBringEachOsOwnNotice() {
        try {
            Messages.setLanguage("en");
            for (Os os : Os.values()) {
                FindViewModel onOs = on(os);
                onOs.found(zap("zap-0000000a", "192.168.1.20", FoundZap.Source.SWEEP, true));
                assertThat(onOs.localNetworkNoticeProperty().get()).as("not before everything was tried").isEmpty();
                onOs.reported(mdnsSilentOnALan(false));
                String expected = switch (os) {
                    case MACOS -> "System Settings → Privacy & Security → Local Network";
                    case WINDOWS -> "Windows Defender Firewall";
                    case LINUX, OTHER -> "a firewall on this computer";
                };
                assertThat(onOs.localNetworkNoticeProperty().get()).as(os.name()).contains(expected);
                assertThat(onOs.localNetworkNoticeProperty().get()).as("with what it was derived from")
                        .endsWith("(Seen: one Zap answered at its address; mDNS, listening on 192.168.1.5, heard no "
                                + "answer.)");
                onOs.found(zap("zap-0000000a", "192.168.1.20", FoundZap.Source.MDNS, true));
                assertThat(onOs.localNetworkNoticeProperty().get()).as("mDNS answered after all").isEmpty();
            }
            Messages.setLanguage("sv");
            FindViewModel mac = on(Os.MACOS);
            mac.reported(mdnsSilentOnALan(true));
            assertThat(mac.localNetworkNoticeProperty().get()).as("a refused mDNS query, no Zap needed")
                    .contains("Integritet och säkerhet → Lokalt nätverk");
        } finally {
            Messages.setLanguage(null);
        }
    }

    @Test
    void aPublicWindowsNetworkIsNamedOnceWindowsSaysSo() {
        FindViewModel windows = on(Os.WINDOWS);
        windows.reported(mdnsSilentOnALan(false));
        assertThat(windows.localNetworkNoticeProperty().get()).as("an empty list, profile not known yet").isEmpty();
        windows.networkProfileKnown(Optional.of(true));
        assertThat(windows.localNetworkNoticeProperty().get()).contains("set to Public")
                .contains("Set the network to Private");
        windows.networkProfileKnown(Optional.of(false));
        assertThat(windows.localNetworkNoticeProperty().get()).isEmpty();
    }

    @Test
    void aSilentZapWithNoRouteOnMacosSaysWhereToAllowTheApp() {
        FindViewModel mac = on(Os.MACOS);
        mac.silentBecause("zap-0000000a", new ZapException(ZapException.Kind.UNREACHABLE, "GET /api/system", 0,
                "NoRouteToHostException", null, new NoRouteToHostException("No route to host")));
        assertThat(mac.silentReasons().get("zap-0000000a")).contains("macOS is blocking Zap Commissioner");
    }
}
