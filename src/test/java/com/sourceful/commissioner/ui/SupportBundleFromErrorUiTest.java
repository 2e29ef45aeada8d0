package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;

import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.common.Mnemonics;

/**
 * When a step shows an error, "Save support bundle…" sits beside "Copy details": a technician whose visit went wrong
 * may never reach the Done step. It has an Alt+letter of its own on the step and writes the same redacted bundle.
 */
class SupportBundleFromErrorUiTest extends DemoAppUiTest {


    @Override
    DemoApp startApp() throws Exception {
        return DemoApp.start(c -> FaultMatrixUiTest.knownAddressOnly(c, null), AppTuning.defaults());
    }

    @Test
    void anErrorOnVerifyOffersTheSupportBundle(@TempDir Path folder) throws Exception {
        App app = fixture.app;
        fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().wizard().canGoNextProperty().get());
        Path target = folder.resolve("bundle.zip");
        List<String> suggested = new ArrayList<>();
        robot.interact(() -> app.context().saveChooser((owner, name, kind) -> {
            suggested.add(name);
            return Optional.of(target);
        }));
        assertThat(robot.lookup("#supportBundleButton").tryQuery()).as("no error yet: no bundle button shown")
                .satisfiesAnyOf(b -> assertThat(b).isEmpty(), b -> assertThat(b.get().isVisible()).isFalse());

        // Publishing fails: the error shows, with Copy details and Save support bundle beside it.
        fixture.demo.zap().setFault("POST /api/devices/{sn}/types", new ZapFault.Status(503));
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !app.context().verify().errorProperty().get().isEmpty());
        fixture.demo.zap().clearFault("POST /api/devices/{sn}/types");
        Button bundle = robot.lookup(n -> "supportBundleButton".equals(n.getId()) && n.isVisible()).queryButton();
        Set<Character> others = WaitForAsyncUtils.asyncFx(() -> {
            Set<Character> letters = new HashSet<>(Mnemonics.footer());
            for (Node n : bundle.getScene().getRoot().lookupAll(".labeled")) {
                if (n != bundle && n instanceof Labeled l && l.isMnemonicParsing() && n.isVisible()) {
                    Mnemonics.of(l.getText()).ifPresent(letters::add);
                }
            }
            return letters;
        }).get(5, TimeUnit.SECONDS);
        Optional<Character> letter = Mnemonics.of(bundle.getText());
        assertThat(letter).as("an Alt+letter of its own: " + bundle.getText()).isPresent();
        assertThat(others).doesNotContain(letter.get());
        assertThat(bundle.getAccessibleText()).isNotBlank();

        robot.clickOn(bundle);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(target) && !bundle.isDisabled());
        assertThat(suggested).singleElement().asString().startsWith("zap-support-").endsWith(".zip");
        List<String> names = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(target))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
                all.append(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(names).contains("session.json", "system.txt", "zaps-seen.json");
        String token = app.context().provision().tokenTextProperty().get();
        if (token != null && !token.isBlank()) {
            assertThat(all.toString()).doesNotContain(token);
        }
        assertThat(app.context().wizard().currentStep()).as("still on the step with the error")
                .isEqualTo(WizardViewModel.Step.VERIFY);
    }
}
