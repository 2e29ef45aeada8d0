package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;

import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;

/** The app on a Swedish computer: Swedish from the first step, with the screenshots for the README. */
class SwedishUiTest {

    private static final Locale SAVED = Locale.getDefault();
    private static DemoApp fixture;
    private final FxThreadRobot robot = new FxThreadRobot();

    @BeforeAll
    static void start() throws Exception {
        Locale.setDefault(Locale.forLanguageTag("sv-SE"));
        fixture = DemoApp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            Locale.setDefault(SAVED);
        }
    }

    @Test
    void theFindPrepareAndVerifyStepsSpeakSwedish() throws Exception {
        App app = fixture.app;
        TableView<?> table = robot.lookup("#zapTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && app.context().find().selectedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        // "_" marks the mnemonic (Alt+N, Alt+T).
        assertThat(robot.lookup("#nextButton").queryButton().getText()).isEqualTo("_Nästa");
        assertThat(robot.lookup("#backButton").queryButton().getText()).isEqualTo("_Tillbaka");
        assertThat(robot.lookup("#step-find").queryAs(Labeled.class).getText()).contains("Hitta Zap");
        assertThat(texts()).contains("Hitta Zap", "S_kanna nätverket").doesNotContain("_Next", "Next", "Find the Zap");
        Screenshots.take(fixture.scene(robot), "1-find-sv");

        // The language choice: Swedish now; English applies at the next start (no settings file in tests).
        @SuppressWarnings("unchecked")
        ChoiceBox<String> languages = robot.lookup("#languageBox").queryAs(ChoiceBox.class);
        assertThat(languages.getValue()).isEqualTo("sv");
        assertThat(languages.getConverter().toString("sv")).isEqualTo("Svenska");
        assertThat(robot.lookup("#languageLabel").queryAs(Labeled.class).getText()).isEqualTo("_Språk");
        assertThat(languages.isFocused()).as("the step keeps the focus").isFalse();
        robot.interact(() -> languages.setValue("en"));
        assertThat(robot.lookup("#languageNote").queryAs(Labeled.class).getText())
                .isEqualTo("Språket byts nästa gång appen startar.");
        assertThat(robot.lookup("#nextButton").queryButton().getText()).as("the open window keeps its language")
                .isEqualTo("_Nästa");
        robot.interact(() -> languages.setValue("sv"));
        assertThat(robot.lookup("#languageNote").queryAs(Labeled.class).getText()).isEmpty();

        // Prepare: the new demo Zap, in Swedish, as the claim panel tells it once Novacore has answered.
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().wizard().currentStep()
                == WizardViewModel.Step.PREPARE && app.context().prepare().claim().standingProperty().get()
                .startsWith("Zap " + fixture.demo.zap().serial() + " finns inte bland gatewayerna"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts()).contains("Förbered Zappen", "Anspråk i Novacore", "Gör _anspråk på Zappen",
                "Wi-Fi-nätverk", "Skanna efte_r nätverk", "Hälsa").doesNotContain("Prepare the Zap", "Claim this Zap");
        Screenshots.take(fixture.scene(robot), "2-prepare-sv");

        fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        var verify = app.context().verify();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> verify.der("pv").isPresent()
                && !verify.der("pv").orElseThrow().tiles().isEmpty()
                && verify.der("pv").orElseThrow().series().getData().size() >= 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts()).contains("Kontrollera livedata", "Belastningstest", "Publicera", "Effekt");
        Screenshots.take(fixture.scene(robot), "4-verify-sv");
    }

    /** Every text shown by a visible labelled control. */
    private List<String> texts() {
        return robot.lookup(n -> n instanceof Labeled && visible(n)).queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).filter(t -> t != null && !t.isBlank()).toList();
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
