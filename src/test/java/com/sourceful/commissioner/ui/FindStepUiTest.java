package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Window;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.AppConfig;

/** The Find step in a real window: an empty network explained, and a Zap that goes silent greyed out, not removed. */
class FindStepUiTest {

    private final FxThreadRobot robot = new FxThreadRobot();
    private App app;

    private void open(ZapDiscovery.Options discovery) throws Exception {
        FxToolkit.registerPrimaryStage();
        AppConfig config = new AppConfig(false, discovery, Optional.empty(), Optional.empty());
        app = (App) FxToolkit.setupApplication(() -> new App(config, () -> { }));
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private Scene scene() {
        return robot.listTargetWindows().stream().map(Window::getScene)
                .filter(s -> s != null && s.lookup("#zapTable") != null).findFirst().orElseThrow();
    }

    @Test
    void anEmptyNetworkIsExplained() throws Exception {
        // No mDNS, nothing on this port anywhere in 127.0.0.0/24: the sweep runs at once and finds nothing.
        int nothingHere = StubServer.closedPort();
        open(new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.0/24")), nothingHere, List.of(),
                Optional.empty(), Duration.ZERO, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !app.context().find().nothingFoundProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Label placeholder = robot.lookup("#nothingFound").queryAs(Label.class);
        assertThat(placeholder.getText()).contains("No mDNS").contains("254 addresses probed in 127.0.0.0/24")
                .contains("client isolation");
        assertThat(robot.lookup("#sweepButton").queryButton().isDisabled()).as("a scan can be run again").isFalse();
        Screenshots.take(scene(), "1b-find-nothing-found");
    }

    @Test
    void aZapThatStopsAnsweringIsGreyedOut() throws Exception {
        ZapSimulator zap = ZapSimulator.builder().bindAddress(InetAddress.getLoopbackAddress()).port(0).start();
        open(new ZapDiscovery.Options(List.of(), List.of(), zap.port(), List.of(zap.baseUri()), Optional.empty(), null,
                Duration.ofMillis(300)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().find().zaps().size() == 1
                && app.context().wizard().canGoNextProperty().get());
        zap.close();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !app.context().find().zaps().get(0).answering());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.context().find().zaps()).extracting(FoundZap::serial).containsExactly(zap.serial());
        TableRow<?> row = robot.lookup(".table-row-cell").<TableRow<?>>queryAll().stream()
                .filter(r -> r.getItem() != null).findFirst().orElseThrow();
        assertThat(row.getPseudoClassStates()).extracting(Object::toString).contains("silent");
        assertThat(app.context().wizard().canGoNextProperty().get()).as("a silent Zap cannot be chosen").isFalse();
        Screenshots.take(scene(), "1c-find-zap-silent");
    }
}
