package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;

import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Mnemonics;

/** Esc's order (cancel what runs, else what runs beside, else Back) and the mnemonic helpers, without a window. */
class EscapeAndMnemonicsTest {

    /** A step with work beside the technician (a scan, a load test) that Esc stops first. */
    static final class SideWorkStep implements WizardStep {
        final SimpleBooleanProperty busy = new SimpleBooleanProperty();
        final List<String> calls = new ArrayList<>();
        Runnable pending;
        boolean sideWork;

        @Override
        public void enter() {
            calls.add("enter");
        }

        @Override
        public ObservableBooleanValue readyProperty() {
            return new SimpleBooleanProperty(true);
        }

        @Override
        public ObservableBooleanValue busyProperty() {
            return busy;
        }

        @Override
        public void next(Runnable proceed) {
            pending = proceed;
        }

        @Override
        public void cancel() {
            calls.add("cancel");
        }

        @Override
        public boolean cancelBackgroundWork() {
            calls.add("cancelBackground");
            boolean had = sideWork;
            sideWork = false;
            return had;
        }
    }

    /** One per step, in the wizard's order. */
    private final List<SideWorkStep> steps = Stream.generate(SideWorkStep::new)
            .limit(WizardViewModel.Step.values().length).toList();
    private final WizardViewModel wizard = new WizardViewModel(List.copyOf(steps));

    @Test
    void escCancelsRunningWorkThenSideWorkThenGoesBack() {
        wizard.start();
        // To "Add a device", where a load test runs beside the technician.
        for (int i = 0; i < WizardViewModel.Step.ADD.ordinal(); i++) {
            wizard.next();
            steps.get(i).pending.run();
        }
        assertThat(wizard.currentStep()).isEqualTo(WizardViewModel.Step.ADD);
        SideWorkStep add = steps.get(WizardViewModel.Step.ADD.ordinal());

        add.busy.set(true);
        wizard.back();
        assertThat(add.calls).endsWith("cancel");
        assertThat(wizard.currentStep()).as("busy: Esc cancels, never leaves").isEqualTo(WizardViewModel.Step.ADD);
        add.busy.set(false);

        add.sideWork = true;
        wizard.back();
        assertThat(add.calls).endsWith("cancelBackground");
        assertThat(wizard.currentStep()).as("a load test stopped: still here").isEqualTo(WizardViewModel.Step.ADD);

        wizard.back();
        assertThat(wizard.currentStep()).as("nothing left to stop: Back").isEqualTo(WizardViewModel.Step.PREPARE);
    }

    @Test
    void aMnemonicIsTheLetterAfterASingleUnderscore() {
        assertThat(Mnemonics.of("Copy _details")).contains('D');
        assertThat(Mnemonics.of("_Nästa")).contains('N');
        assertThat(Mnemonics.of("unit__id")).isEmpty();
        assertThat(Mnemonics.of("a__b _c")).contains('C');
        assertThat(Mnemonics.of("Next")).isEmpty();
        assertThat(Mnemonics.of(null)).isEqualTo(Optional.empty());
    }

    @Test
    void aBuiltLabelTakesItsFirstFreeLetterAndKeepsUnderscoresLiteral() {
        Set<Character> taken = new HashSet<>(Set.of('P', 'O'));
        assertThat(Mnemonics.assign("Port", taken)).isEqualTo("Po_rt");
        assertThat(taken).contains('R');
        assertThat(Mnemonics.assign("unit_id", taken)).isEqualTo("_unit__id");
        assertThat(Mnemonics.assign("Pro", taken)).as("every letter taken: no mnemonic").isEqualTo("Pro");
        assertThat(Mnemonics.assign("Övrigt", new HashSet<>())).as("A–Z only: Alt+Ö is not on every keyboard")
                .isEqualTo("Ö_vrigt");
    }

    @Test
    void aFieldLabelWhoseLettersAreAllTakenGetsAFreeOneInBrackets() {
        Set<Character> taken = new HashSet<>();
        "MODBUSNITA".chars().forEach(c -> taken.add((char) c));
        assertThat(Mnemonics.assignAlways("Modbus unit id", taken)).isEqualTo("Modbus unit id (_C)");
        assertThat(taken).contains('C');
        assertThat(Mnemonics.assignAlways("Port", new HashSet<>(Set.of('P')))).isEqualTo("P_ort");
    }

    @Test
    void theFooterLettersDifferInBothLanguages() {
        try {
            for (String language : Messages.LANGUAGES) {
                Messages.setLanguage(language);
                long withMnemonic = Mnemonics.FOOTER_KEYS.stream().filter(k -> Mnemonics.of(Messages.get(k)).isPresent()).count();
                assertThat(Mnemonics.footer()).as(language).hasSize((int) withMnemonic);
                assertThat(withMnemonic).as(language).isGreaterThanOrEqualTo(5);
            }
        } finally {
            Messages.setLanguage(null);
        }
    }
}
