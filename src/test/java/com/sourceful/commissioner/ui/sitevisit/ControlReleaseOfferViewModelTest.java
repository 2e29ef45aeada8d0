package com.sourceful.commissioner.ui.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;

class ControlReleaseOfferViewModelTest {

    private static final ControlReleaseOfferViewModel.Held SUNGROW = new ControlReleaseOfferViewModel.Held("v1",
            "Sungrow SH10RT", new ControlHold("zap-0000aaaa", URI.create("http://127.0.0.1:8081/"), "SG01",
            ControlAction.CHARGE, Instant.parse("2026-12-06T09:41:00Z")));
    private static final ControlReleaseOfferViewModel.Held SOLIS = new ControlReleaseOfferViewModel.Held("v2",
            "Solis", new ControlHold("zap-0000bbbb", URI.create("http://127.0.0.1:8082/"), "SO01",
            ControlAction.LIMIT_PV, Instant.parse("2026-12-06T09:50:00Z")));

    private String before;

    @BeforeEach
    void english() {
        before = Messages.language();
        Messages.setLanguage("en");
    }

    @AfterEach
    void restore() {
        Messages.setLanguage(before);
    }

    /** Holds as a test sets them: which are held, which releases fail and why. */
    private static final class FakeHolds implements ControlReleaseOfferViewModel.Holds {
        final List<ControlReleaseOfferViewModel.Held> held = new ArrayList<>();
        final List<String> failing = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        boolean unreadable;

        @Override
        public List<ControlReleaseOfferViewModel.Held> held() throws IOException {
            if (unreadable) {
                throw new IOException("disk gone");
            }
            return List.copyOf(held);
        }

        @Override
        public Optional<String> release(ControlReleaseOfferViewModel.Held h) {
            if (failing.contains(h.hold().deviceSn())) {
                return Optional.of("POST /api/control/" + h.hold().deviceSn() + "/deinit: Zap not reachable");
            }
            released.add(h.hold().deviceSn());
            held.remove(h);
            return Optional.empty();
        }
    }

    private final FakeHolds holds = new FakeHolds();
    private final ControlReleaseOfferViewModel vm = new ControlReleaseOfferViewModel(Tasks.currentThread(), holds,
            ZoneOffset.UTC);
    private final List<String> shown = new ArrayList<>();

    @Test
    void eachHeldDeviceIsNamedWithItsZapAddressAndSince() {
        holds.held.addAll(List.of(SUNGROW, SOLIS));

        vm.check(() -> shown.add("offer"), () -> shown.add("none"));

        assertThat(shown).containsExactly("offer");
        assertThat(vm.textProperty().get()).isEqualTo(
                "Sungrow SH10RT (SG01) on Zap zap-0000aaaa at 127.0.0.1:8081, since 2026-12-06 09:41\n"
                        + "Solis (SO01) on Zap zap-0000bbbb at 127.0.0.1:8082, since 2026-12-06 09:50");
    }

    @Test
    void aDeviceTheVisitKnowsOnlyByItsSerialIsNamedOnce() {
        holds.held.add(new ControlReleaseOfferViewModel.Held("v3", "SG09", new ControlHold("zap-0000aaaa",
                URI.create("http://127.0.0.1:8081/"), "SG09", ControlAction.DISCHARGE,
                Instant.parse("2026-12-06T09:41:00Z"))));

        vm.check(() -> { }, () -> { });

        assertThat(vm.textProperty().get())
                .isEqualTo("SG09 on Zap zap-0000aaaa at 127.0.0.1:8081, since 2026-12-06 09:41");
    }

    @Test
    void nothingHeldOrNothingReadableGoesOnToTheNextOffer() {
        vm.check(() -> shown.add("offer"), () -> shown.add("none"));
        holds.unreadable = true;
        vm.check(() -> shown.add("offer"), () -> shown.add("none"));

        assertThat(shown).containsExactly("none", "none");
    }

    @Test
    void oneClickReleasesEveryDevice() {
        holds.held.addAll(List.of(SUNGROW, SOLIS));
        vm.check(() -> { }, () -> { });

        vm.release();

        assertThat(holds.released).containsExactly("SG01", "SO01");
        assertThat(vm.allReleasedProperty().get()).isTrue();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.offered()).isEmpty();
    }

    @Test
    void aDeviceNotReleasedStaysOfferedWithWhy() {
        holds.held.addAll(List.of(SUNGROW, SOLIS));
        holds.failing.add("SO01");
        vm.check(() -> { }, () -> { });

        vm.release();

        assertThat(vm.allReleasedProperty().get()).isFalse();
        assertThat(vm.offered()).containsExactly(SOLIS);
        assertThat(vm.textProperty().get()).startsWith("Solis (SO01)").doesNotContain("SG01");
        assertThat(vm.problemProperty().get()).contains("Not released: Solis on Zap zap-0000bbbb")
                .contains("/deinit: Zap not reachable");
        assertThat(vm.releasingProperty().get()).isFalse();
    }
}
