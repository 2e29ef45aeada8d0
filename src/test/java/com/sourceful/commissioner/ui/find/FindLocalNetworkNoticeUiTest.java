package com.sourceful.commissioner.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Window;

import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.FindAdvice;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.ui.Screenshots;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import com.sourceful.commissioner.ui.FxThreadRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The notice that this computer's rules keep mDNS answers out, in a real window at the smallest size in Swedish (the
 * longer texts): shown whole above the list, which keeps its room. The LAN below is only data given to the step.
 */
class FindLocalNetworkNoticeUiTest {

    private final FxThreadRobot robot = new FxThreadRobot();
    private App app;

    @AfterEach
    void close() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            Messages.setLanguage(null);
        }
    }

    @Test
    void theNoticeIsShownWholeAboveTheListAtTheSmallestSize() throws Exception {
        Messages.setLanguage("sv");
        FxToolkit.registerPrimaryStage();
        // Discovery with nothing to do (no mDNS, no sweep, no re-checks): its last report comes at once.
        AppConfig config = new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(),
                StubServer.closedPort(), List.of(), Optional.empty(), null, null), Optional.empty(), Optional.empty());
        app = (App) FxToolkit.setupApplication(() -> new App(config, () -> { }));
        FindViewModel vm = app.context().find();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> vm.lastReport() != null && vm.lastReport().zapLocalAnswered().isPresent());
        Label notice = robot.lookup("#localNetworkNotice").queryAs(Label.class);
        assertThat(notice.isVisible()).as("nothing to say on loopback").isFalse();

        Scene scene = scene();
        WaitForAsyncUtils.asyncFx(() -> {
            Window window = scene.getWindow();
            window.setWidth(720);
            window.setHeight(480);
            vm.found(new FoundZap("zap-0000000a", URI.create("http://192.168.1.20/"), "1.4.2", Optional.empty(),
                    OptionalInt.empty(), Optional.empty(), 0, Set.of(FoundZap.Source.SWEEP), Instant.EPOCH, true));
            vm.reported(new DiscoveryReport(List.of("192.168.1.5"), true, Optional.of(false),
                    List.of("192.168.1.0/24"), 254, 254, false, 0));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notice.getText()).as("this OS's own notice").isNotEmpty()
                .isEqualTo(vm.localNetworkNoticeProperty().get());
        assertWhole(scene, notice);
        Screenshots.take(scene, "1d-find-local-network-sv");

        // The longest notice there is: Windows, a Public network.
        String longest = ErrorMessages.localNetwork(FindAdvice.WINDOWS_PUBLIC_NETWORK);
        WaitForAsyncUtils.asyncFx(() -> vm.localNetworkNoticeProperty().set(longest)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notice.getText()).isEqualTo(longest);
        assertWhole(scene, notice);
        Screenshots.take(scene, "1e-find-public-network-sv");
    }

    private Scene scene() {
        return robot.listTargetWindows().stream().map(Window::getScene)
                .filter(s -> s != null && s.lookup("#zapTable") != null).findFirst().orElseThrow();
    }

    /** Shown, every word of it, inside the window, and the list below it still shows rows. */
    private static void assertWhole(Scene scene, Label notice) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            assertThat(notice.isVisible() && notice.isManaged()).isTrue();
            assertThat(shown(notice).replaceAll("\\s+", "")).as("not cut short")
                    .isEqualTo(notice.getText().replaceAll("\\s+", ""));
            assertThat(notice.getHeight()).as("as tall as its wrapped lines")
                    .isGreaterThanOrEqualTo(notice.prefHeight(notice.getWidth()) - 1);
            Bounds b = notice.localToScene(notice.getLayoutBounds());
            assertThat(b.getMinX()).isGreaterThanOrEqualTo(-1);
            assertThat(b.getMaxX()).isLessThanOrEqualTo(scene.getWidth() + 1);
            assertThat(b.getMaxY()).isLessThanOrEqualTo(scene.getHeight() + 1);
            TableView<?> table = (TableView<?>) scene.lookup("#zapTable");
            Bounds t = table.localToScene(table.getLayoutBounds());
            assertThat(t.getMinY()).as("the list below the notice").isGreaterThanOrEqualTo(b.getMaxY());
            assertThat(table.getHeight()).as("the list keeps its room").isGreaterThanOrEqualTo(100);
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    /** The text as the label's own text node shows it (an ellipsis where cut). */
    private static String shown(Label label) {
        for (Node c : label.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c != label.getGraphic()) {
                return t.getText();
            }
        }
        return "";
    }
}
