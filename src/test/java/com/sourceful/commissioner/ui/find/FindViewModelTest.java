package com.sourceful.commissioner.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.ui.AppConfig;
import com.sourceful.commissioner.ui.Tasks;
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
        vm.found(zap("zap-0000000b", "127.0.0.3", FoundZap.Source.SWEEP, true));
        assertThat(vm.zaps()).extracting(FoundZap::serial).containsExactly("zap-0000000a", "zap-0000000b");
        assertThat(vm.selectedProperty().get().address()).as("the newest address").isEqualTo("127.0.0.9");
        assertThat(vm.statusProperty().get()).isEqualTo("2 Zaps found. Still listening for more.");
    }

    @Test
    void aSilentZapIsKeptGreyedAndCannotBeChosen() {
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, true));
        assertThat(vm.readyProperty().get()).isTrue();
        vm.found(zap("zap-0000000a", "127.0.0.2", FoundZap.Source.MDNS, false));
        assertThat(vm.zaps()).singleElement().satisfies(z -> assertThat(z.answering()).isFalse());
        assertThat(vm.readyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).contains("1 no longer answering");
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
}
