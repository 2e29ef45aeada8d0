package com.sourceful.commissioner.ui.wizard;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import com.sourceful.commissioner.details.ErrorDetails;
import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.CopyDetails.Notice;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Icons;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Mnemonics;
import com.sourceful.commissioner.ui.common.SaveChooser;
import com.sourceful.commissioner.ui.common.Tasks;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What a step's error offers beside it: "Copy details" (a redacted report to the clipboard) and "Save support
 * bundle…" (when something went wrong the technician may never reach the Done step, where the bundle is offered too).
 * Both show only while the step shows an error.
 */
public final class StepErrorActions {

    /** Where a support bundle comes from, and how the technician says where it goes. */
    public interface SupportBundles {

        /** How to ask where to save (the platform's dialog, or a test's answer). */
        SaveChooser saveChooser();

        /** The file name the bundle is offered under. Called on the JavaFX thread. */
        String suggestedName();

        /** Writes a bundle in the background; exactly one callback follows on the JavaFX thread. */
        Tasks.Handle save(Path target, Consumer<Path> onSaved, Consumer<Throwable> onFailure);
    }

    private final Supplier<String> zapAddress;
    private final Supplier<Collection<String>> secrets;
    private final SupportBundles bundles;

    /**
     * @param zapAddress the address of the Zap being commissioned, for the report; null while there is none
     * @param secrets    what no report may contain (every step's tokens and passwords)
     * @param bundles    where a support bundle comes from
     */
    public StepErrorActions(Supplier<String> zapAddress, Supplier<Collection<String>> secrets,
                            SupportBundles bundles) {
        this.zapAddress = zapAddress;
        this.secrets = secrets;
        this.bundles = bundles;
    }

    /** Gives the step's "Copy details" button (if its view has one) its action, and a support bundle button beside it. */
    public void wire(WizardViewModel.Step which, WizardStep step, Node view) {
        Node found = view.lookup("#copyDetailsButton");
        ObservableStringValue error = step.errorProperty();
        if (!(found instanceof Button button) || error == null) {
            return;
        }
        button.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> error.get() != null && !error.get().isBlank(), error));
        button.managedProperty().bind(button.visibleProperty());
        String activity = Messages.get("details.activity." + which.name().toLowerCase(Locale.ROOT));
        button.setOnAction(e -> {
            ObservableObjectValue<Throwable> cause = step.errorCauseProperty();
            String report = ErrorDetails.report(
                    new ErrorDetails.Context(activity, error.get(),
                            cause == null ? null : cause.get(),
                            zapAddress.get(), step.serviceAddress(), Instant.now(), ZoneId.systemDefault(),
                            secrets.get()),
                    key -> Messages.get(List.of("title", "none", "devBuild").contains(key) ? "details." + key
                            : "details.field." + key));
            Window window = button.getScene().getWindow();
            try {
                CopyDetails.toClipboard(report);
                CopyDetails.notify(window, Notice.DONE, Messages.get("mnemonic.common.copyDetails")
                        .replace("_", ""), Messages.get("details.copied"));
            } catch (RuntimeException failed) {
                CopyDetails.notify(window, Notice.FAILED, Messages.get("mnemonic.common.copyDetails")
                        .replace("_", ""), Messages.get("details.copyFailed"));
            }
        });
        addSupportBundleButton(button, view, step);
    }

    /** "Save support bundle…" beside Copy details, shown with it; its Alt+letter is the first one the step leaves free. */
    private void addSupportBundleButton(Button copy, Node view, WizardStep step) {
        if (!(copy.getParent() instanceof Pane row)) {
            return;
        }
        String text = Messages.get("done.bundle").replace("_", "");
        Set<Character> taken = Mnemonics.taken(view, null);
        taken.addAll(Mnemonics.footer());
        // What Next says on this step ("Provision"), which it says only once the step is shown.
        ObservableStringValue nextLabel = step.nextLabelProperty();
        if (nextLabel != null) {
            Mnemonics.of(nextLabel.get()).ifPresent(taken::add);
        }
        Button bundle = new Button(Mnemonics.assignAlways(text, taken),
                new FontIcon("fth-package"));
        bundle.setId("supportBundleButton");
        bundle.setMnemonicParsing(true);
        bundle.setAccessibleText(Messages.get("done.bundle.accessible"));
        bundle.getStyleClass().add("copy-details");
        bundle.setMinWidth(Region.USE_PREF_SIZE);
        bundle.visibleProperty().bind(copy.visibleProperty());
        bundle.managedProperty().bind(bundle.visibleProperty());
        Icons.fitToText(bundle);
        row.getChildren().add(row.getChildren().indexOf(copy) + 1, bundle);
        bundle.setOnAction(e -> {
            Window window = bundle.getScene().getWindow();
            bundles.saveChooser().chooseAndRefocus(window, bundles.suggestedName(),
                    SaveChooser.Kind.SUPPORT_BUNDLE).ifPresent(target -> {
                        bundle.setDisable(true);
                        bundles.save(target, saved -> {
                            bundle.setDisable(false);
                            CopyDetails.notify(window, Notice.DONE, text,
                                    Messages.get("done.bundle.saved", saved.toAbsolutePath()));
                        }, failure -> {
                            bundle.setDisable(false);
                            CopyDetails.notify(window, Notice.FAILED, text,
                                    Messages.get("done.bundle.failed", target.toAbsolutePath(),
                                            ErrorMessages.fileNotWritten(failure)));
                        });
                    });
        });
    }
}
