package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.ZapSimulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * Find with three Zaps (one on a firmware without {@code /api/crypto}): nothing chosen by itself, one short status
 * line, the unconfirmed serial said in its row, the chosen row at least 3:1 against its neighbours and a hovered row
 * in light and dark (computed from the rendered backgrounds), and at least six rows visible at 960×520.
 */
class FindSelectionUiTest {

    private static final PseudoClass HOVER = PseudoClass.getPseudoClass("hover");
    private final FxThreadRobot robot = new FxThreadRobot();
    private final List<ZapSimulator> zaps = new ArrayList<>();
    private App app;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        for (ZapSimulator z : zaps) {
            z.close();
        }
    }

    private ZapSimulator zap(String serial, boolean noCrypto) throws Exception {
        ZapSimulator z = ZapSimulator.builder().bindAddress(InetAddress.getLoopbackAddress()).port(0).serial(serial)
                .noCrypto(noCrypto).addDeviceDelay(Duration.ZERO).start();
        zaps.add(z);
        return z;
    }

    private Scene scene() {
        return robot.listTargetWindows().stream().map(Window::getScene)
                .filter(s -> s != null && s.lookup("#zapTable") != null).findFirst().orElseThrow();
    }

    private List<TableRow<?>> rows() {
        // The flow's spare cells (index -1, invisible) are not rows on screen.
        return robot.lookup(".zap-table .table-row-cell").<TableRow<?>>queryAll().stream()
                .filter(r -> r.getIndex() >= 0 && r.isVisible())
                .sorted(Comparator.comparingInt(TableRow::getIndex)).toList();
    }

    @Test
    void severalZapsNothingChosenByItselfTheChosenRowStandsOutAndSixRowsFit() throws Exception {
        zap("zap-0000c001", false);
        zap("zap-0000c002", true);
        zap("zap-0000c003", false);
        FxToolkit.registerPrimaryStage();
        AppConfig config = new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(), 80,
                zaps.stream().map(ZapSimulator::baseUri).toList(), Optional.empty(), null, null),
                Optional.empty(), Optional.empty());
        app = (App) FxToolkit.setupApplication(() -> new App(config, () -> { }));
        var find = app.context().find();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find.zaps().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(find.selectedProperty().get()).as("three answering Zaps: none chosen by itself").isNull();
        assertThat(app.context().wizard().canGoNextProperty().get()).isFalse();
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText())
                .isEqualTo("3 Zaps found. Still listening for more.");
        FoundZap unconfirmed = find.zaps().stream().filter(z -> z.serial().equals("zap-0000c002")).findFirst()
                .orElseThrow();
        assertThat(unconfirmed.serialConfirmed()).isFalse();
        assertThat(robot.lookup(".zap-table .table-cell").queryAll().stream()
                .filter(Labeled.class::isInstance).map(c -> String.valueOf(((Labeled) c).getText())).toList())
                .as("the unconfirmed serial is said in its row")
                .anySatisfy(t -> assertThat(t).startsWith("Serial not confirmed"));

        robot.clickOn(rows().get(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find.selectedProperty().get().serial()).isEqualTo("zap-0000c002");
        assertThat(app.context().wizard().canGoNextProperty().get()).isTrue();

        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> AppTheme.of(scene()).orElseThrow().choiceProperty().set(theme));
            robot.moveTo(robot.lookup("#statusLabel").queryAs(Label.class)); // no row hovered by the mouse
            WaitForAsyncUtils.waitForFxEvents();
            List<TableRow<?>> rows = rows();
            Color chosen = background(rows.get(1));
            Color above = background(rows.get(0));
            Color below = background(rows.get(2));
            Color hovered = hovered(rows.get(3));
            System.out.printf("[measure] %s: chosen %s against above %.1f:1, below %.1f:1, hover %.1f:1%n", theme,
                    chosen, contrast(chosen, above), contrast(chosen, below), contrast(chosen, hovered));
            assertThat(contrast(chosen, above)).as("%s: chosen against the row above", theme).isGreaterThanOrEqualTo(3);
            assertThat(contrast(chosen, below)).as("%s: chosen against the row below", theme).isGreaterThanOrEqualTo(3);
            assertThat(contrast(chosen, hovered)).as("%s: chosen against a hovered row", theme)
                    .isGreaterThanOrEqualTo(3);
            Screenshots.take(scene(), "1d-find-several-zaps" + (theme == ThemeChoice.DARK ? "-dark" : ""));
        }
        robot.interact(() -> AppTheme.of(scene()).orElseThrow().choiceProperty().set(ThemeChoice.LIGHT));

        Stage stage = (Stage) scene().getWindow();
        robot.interact(() -> {
            stage.setWidth(SmallScreenUiTest.WIDTH);
            stage.setHeight(SmallScreenUiTest.HEIGHT);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#zapTable").queryAs(TableView.class);
        Region header = (Region) table.lookup(".column-header-background");
        double rowHeight = rows().get(0).getHeight();
        double visibleRows = (table.getHeight() - header.getHeight()) / rowHeight;
        System.out.printf("[measure] Find at 960x520: %.1f rows visible (table %.0f px, row %.0f px)%n", visibleRows,
                table.getHeight(), rowHeight);
        assertThat(visibleRows).as("rows visible at 960x520").isGreaterThanOrEqualTo(6);
        // The whole table is on screen, not scrolled away below the step's fold.
        Node scroll = table;
        while (!(scroll instanceof ScrollPane)) {
            scroll = scroll.getParent();
        }
        double tableBottom = table.localToScene(table.getBoundsInLocal()).getMaxY();
        double viewBottom = scroll.localToScene(scroll.getBoundsInLocal()).getMaxY();
        assertThat(tableBottom).as("table bottom within the step's view").isLessThanOrEqualTo(viewBottom);
        Screenshots.take(scene(), "1e-find-960x520");
    }

    /** A row's rendered background, as its CSS gave it. */
    private Color background(TableRow<?> row) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            row.applyCss();
            var fills = row.getBackground().getFills();
            return (Color) fills.get(fills.size() - 1).getFill();
        }).get(5, TimeUnit.SECONDS);
    }

    /** The background a row gets under the mouse. */
    private Color hovered(TableRow<?> row) throws Exception {
        robot.interact(() -> {
            row.pseudoClassStateChanged(HOVER, true);
            row.applyCss();
        });
        Color c = background(row);
        robot.interact(() -> {
            row.pseudoClassStateChanged(HOVER, false);
            row.applyCss();
        });
        return c;
    }

    /** WCAG contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
