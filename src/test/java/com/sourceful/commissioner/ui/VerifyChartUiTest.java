package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.ui.verify.DerLiveView;
import com.sourceful.commissioner.ui.verify.GapLineChart;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * The Verify step's chart and values in a real window with a live Sungrow (PV, battery, meter): a gap in the readings
 * stays a gap, the plot gets a real share of the window, the DERs differ by colour and dash (light and dark), the
 * legend is evenly spaced, the values stand in columns, and the report's picture is drawn for paper.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyChartUiTest extends DemoAppUiTest {

    /** Okabe & Ito's palette for colour-blind readers (2008). */
    static final Set<Color> OKABE_ITO = Set.of(Color.web("#e69f00"), Color.web("#56b4e9"), Color.web("#009e73"),
            Color.web("#f0e442"), Color.web("#0072b2"), Color.web("#d55e00"), Color.web("#cc79a7"),
            Color.web("#000000"));
    private static final String DATA = "GET /api/devices/{sn}/data/json";

    private VerifyViewModel verify;
    private double wasWidth;
    private double wasHeight;

    @BeforeAll
    void toTheVerifyStep() throws Exception {
        fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        verify = app.context().verify();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> verify.der("meter").isPresent()
                && verify.der("meter").orElseThrow().series().getData().size() >= 3
                && !verify.der("meter").orElseThrow().tiles().isEmpty());
        Stage stage = stage();
        wasWidth = stage.getWidth();
        wasHeight = stage.getHeight();
        resize(1040, 800);
    }

    @AfterAll
    void sizeBack() {
        // TestFX keeps one primary stage for every test class: the next one gets its size back.
        robot.interact(() -> {
            stage().setWidth(wasWidth);
            stage().setHeight(wasHeight);
        });
    }

    @Test
    @Order(1)
    void aGapInTheReadingsIsDrawnAsAGap() throws Exception {
        demo.zap().setFault(DATA, new ZapFault.NoContent());
        long lastBefore;
        try {
            WaitForAsyncUtils.waitForFxEvents();
            lastBefore = verify.store().lastTimestamp().orElseThrow();
            // The Zap has no reading for five polls: the silence the chart has to show.
            Thread.sleep(5 * VerifyViewModel.POLL_PERIOD.toMillis());
        } finally {
            demo.zap().clearFault(DATA);
        }
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> verify.store().lastTimestamp().orElseThrow()
                >= lastBefore + 8 * VerifyViewModel.POLL_PERIOD.toMillis());
        WaitForAsyncUtils.waitForFxEvents();
        long first = verify.store().firstTimestamp().orElseThrow();
        for (String der : List.of("pv", "battery", "meter")) {
            XYChart.Series<Number, Number> series = verify.der(der).orElseThrow().series();
            List<Double> gapsAt = onFx(() -> series.getData().stream()
                    .filter(d -> d.getExtraValue() == GapLineChart.AFTER_GAP)
                    .map(d -> d.getXValue().doubleValue() * 60_000).toList());
            assertThat(gapsAt).as("%s: a gap after the silence", der)
                    .anySatisfy(at -> assertThat(at).isGreaterThan(lastBefore - first + 4000));
            long starts = onFx(() -> ((Path) series.getNode()).getElements().stream()
                    .filter(e -> e instanceof MoveTo).count());
            assertThat(starts).as("%s: the line is lifted at every gap, not drawn across it", der)
                    .isEqualTo(gapsAt.size() + 1);
        }
        Screenshots.take(scene(), "4-verify-chart");
    }

    @Test
    @Order(2)
    void thePlotGetsARealShareOfTheWindow() throws Exception {
        resize(1040, 800);
        double tall = onFx(() -> plot().getLayoutBounds().getHeight());
        assertThat(tall).as("the plot at 1040×800").isGreaterThanOrEqualTo(0.40 * 800);
        resize(960, 520);
        try {
            double small = onFx(() -> plot().getLayoutBounds().getHeight());
            double viewport = onFx(() -> stepScroll().getViewportBounds().getHeight());
            double chartBox = onFx(() -> scene().lookup("#chartBox").getLayoutBounds().getHeight());
            assertThat(small).as("the plot at 960×520").isGreaterThanOrEqualTo(160);
            assertThat(chartBox).as("chart and legend fit the step's viewport when scrolled to")
                    .isLessThanOrEqualTo(viewport);
            Screenshots.take(scene(), "4-verify-chart-960x520");
        } finally {
            resize(1040, 800);
        }
    }

    @Test
    @Order(3)
    void theDersDifferByColourAndDashInBothThemesWithAnEvenlySpacedLegend() throws Exception {
        AppTheme theme = AppTheme.of(scene()).orElseThrow();
        ThemeChoice was = theme.choiceProperty().get();
        try {
            for (ThemeChoice choice : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
                robot.interact(() -> theme.choiceProperty().set(choice));
                WaitForAsyncUtils.waitForFxEvents();
                onFx(() -> {
                    checkLines(choice);
                    checkLegend(choice);
                    return null;
                });
            }
        } finally {
            robot.interact(() -> theme.choiceProperty().set(was));
        }
    }

    private void checkLines(ThemeChoice choice) {
        Color plot = backgroundBehind(plot());
        Set<Color> colours = new HashSet<>();
        Set<List<Double>> dashes = new HashSet<>();
        for (DerLiveView der : verify.ders()) {
            Shape line = (Shape) der.series().getNode();
            Color stroke = (Color) line.getStroke();
            String what = choice + ", " + der.type();
            assertThat(OKABE_ITO).as("%s: %s is one of Okabe–Ito's colours", what, stroke).contains(stroke);
            assertThat(NotificationsUiTest.contrast(stroke, plot)).as("%s on the plot's %s", what, plot)
                    .isGreaterThanOrEqualTo(3.0);
            colours.add(stroke);
            dashes.add(List.copyOf(line.getStrokeDashArray()));
            Shape sample = (Shape) scene().lookup("#legend-" + der.type()).lookup(".legend-line");
            assertThat(sample.getStroke()).as("%s: legend colour", what).isEqualTo(stroke);
            assertThat(sample.getStrokeDashArray()).as("%s: the legend shows the dash", what)
                    .isEqualTo(line.getStrokeDashArray());
        }
        assertThat(colours).as("%s: a colour per DER", choice).hasSize(verify.ders().size());
        assertThat(dashes).as("%s: a dash per DER", choice).hasSize(verify.ders().size());
    }

    private void checkLegend(ThemeChoice choice) {
        List<Bounds> items = new ArrayList<>();
        for (DerLiveView der : verify.ders()) {
            Labeled item = (Labeled) scene().lookup("#legend-" + der.type());
            assertThat(item.getText()).isEqualTo(der.series().getName());
            items.add(item.localToScene(item.getLayoutBounds()));
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).getMinY()).as("%s: one row at 1040×800", choice).isEqualTo(items.get(0).getMinY());
            gaps.add(items.get(i).getMinX() - items.get(i - 1).getMaxX());
        }
        assertThat(gaps).as("%s: the same space between legend entries", choice)
                .allSatisfy(g -> assertThat(g).isCloseTo(gaps.get(0), Offset.offset(1.0)));
    }

    @Test
    @Order(4)
    void theValuesStandInColumnsAndL1ToL3OnOneRow() throws Exception {
        onFx(() -> {
            Bounds firstTile = null;
            Bounds meterFirst = null;
            List<Bounds> phases = new ArrayList<>();
            for (DerLiveView der : verify.ders()) {
                for (Node tile : tiles(der.type())) {
                    Bounds b = tile.localToScene(tile.getLayoutBounds());
                    firstTile = firstTile == null ? b : firstTile;
                    meterFirst = meterFirst == null && der.type().equals("meter") ? b : meterFirst;
                    double column = (b.getMinX() - firstTile.getMinX()) / (b.getWidth() + 12);
                    assertThat(b.getWidth()).as("%s: '%s' as wide as every tile", der.type(), label(tile))
                            .isCloseTo(firstTile.getWidth(), Offset.offset(0.5));
                    assertThat(column).as("%s: '%s' stands in a column", der.type(), label(tile))
                            .isCloseTo(Math.rint(column), Offset.offset(0.01));
                    if (der.type().equals("meter") && label(tile).matches("L[123]")) {
                        phases.add(b);
                    }
                }
            }
            assertThat(phases).as("L1, L2, L3").hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(phases.get(i).getMinY()).as("L%d on the row of L1", i + 1)
                        .isEqualTo(phases.get(0).getMinY());
                assertThat(phases.get(i).getMinX()).as("L%d in column %d", i + 1, i + 1)
                        .isCloseTo(meterFirst.getMinX() + i * (phases.get(0).getWidth() + 12), Offset.offset(0.5));
            }
            return null;
        });
        robot.interact(() -> stepScroll().setVvalue(1.0));
        Screenshots.take(scene(), "4-verify-values");
        robot.interact(() -> stepScroll().setVvalue(0));
    }

    @Test
    @Order(5)
    void theReportsPictureHasTheLegendAndIsDrawnForPaperInTheDarkThemeToo() throws Exception {
        AppTheme theme = AppTheme.of(scene()).orElseThrow();
        ThemeChoice was = theme.choiceProperty().get();
        robot.interact(() -> theme.choiceProperty().set(ThemeChoice.DARK));
        String sn = app.context().session().device().orElseThrow().sn();
        double chartHeight = onFx(() -> scene().lookup("#chart").getLayoutBounds().getHeight());
        try {
            // Leaving the step keeps the chart for the report.
            robot.interact(() -> app.context().wizard().back());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chartPng(sn) != null);
        } finally {
            robot.interact(() -> theme.choiceProperty().set(was));
        }
        byte[] png = chartPng(sn);
        Files.createDirectories(Screenshots.dir());
        Files.write(Screenshots.dir().resolve("4-verify-report-chart-dark.png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getHeight()).as("the legend under the chart is in the picture")
                .isGreaterThan((int) Math.round(chartHeight * 1.5) + 20);
        assertThat(near(image, Color.web("#d55e00"))).as("PV in the light theme's vermillion").isGreaterThan(20);
        assertThat(near(image, Color.web("#e69f00"))).as("not in the dark theme's orange").isLessThan(5);
        assertThat(near(image, Color.web("#24292f"))).as("dark text on white").isGreaterThan(20);
        assertThat(near(image, Color.web("#0d1117"))).as("nothing of the dark theme's background").isLessThan(5);
        robot.interact(() -> app.context().wizard().skipTo(WizardViewModel.Step.VERIFY));
    }

    private static byte[] chartPng(String sn) {
        return app.context().session().visits().stream().filter(v -> v.device().sn().equals(sn))
                .map(CommissioningSession.DeviceVisit::chartPng).flatMap(Optional::stream)
                .findFirst().orElse(null);
    }

    /** Pixels within a few steps of {@code colour} in every channel. */
    private static int near(BufferedImage image, Color colour) {
        int r = (int) Math.round(colour.getRed() * 255);
        int g = (int) Math.round(colour.getGreen() * 255);
        int b = (int) Math.round(colour.getBlue() * 255);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - r) <= 12 && Math.abs((p >> 8 & 0xff) - g) <= 12
                        && Math.abs((p & 0xff) - b) <= 12) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A DER's value tiles, in order: what holds each value's small label. */
    private List<Node> tiles(String der) {
        return scene().lookup("#values-" + der).lookupAll(".tile-label").stream().<Node>map(Node::getParent).toList();
    }

    private static String label(Node tile) {
        return tile.lookup(".tile-label") instanceof Labeled l ? l.getText() : "?";
    }

    private Region plot() {
        return (Region) scene().lookup("#chart").lookup(".chart-plot-background");
    }

    private ScrollPane stepScroll() {
        Node n = scene().lookup("#chart");
        while (!(n instanceof ScrollPane)) {
            n = n.getParent();
        }
        return (ScrollPane) n;
    }

    /** The first opaque background at or behind {@code node}: what its lines are seen against. */
    private static Color backgroundBehind(Node node) {
        for (Parent p = node instanceof Parent parent ? parent : node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Region r && r.getBackground() != null) {
                for (BackgroundFill f : r.getBackground().getFills()) {
                    if (f.getFill() instanceof Color c && c.getOpacity() == 1.0) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no opaque background behind " + node);
    }

    private Stage stage() {
        return (Stage) scene().getWindow();
    }

    private void resize(double width, double height) {
        robot.interact(() -> {
            stage().setWidth(width);
            stage().setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene().getHeight()).isEqualTo(height);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }
}
