package com.sourceful.commissioner.ui.common;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;

/**
 * Mnemonics (Alt+letter): the texts in the bundles mark theirs with "_"; labels built at run time (the Add step's
 * form) get the first letter of their text that the step and the footer do not use yet.
 */
public final class Mnemonics {

    /**
     * The wizard footer's keys: present on every step (Next's text on the Add step may be "Add anyway"; the theme
     * choice's label comes with the light/dark theme work).
     */
    public static final List<String> FOOTER_KEYS = List.of("mnemonic.wizard.back", "mnemonic.wizard.next",
            "mnemonic.wizard.cancel", "wizard.language.label", "wizard.theme.label", "mnemonic.add.addAnyway");

    private Mnemonics() {
    }

    /** The letter after the first single "_" ("Copy _details" → D), upper case; "__" is a literal underscore. */
    public static Optional<Character> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length() - 1; i++) {
            if (text.charAt(i) == '_') {
                if (text.charAt(i + 1) == '_') {
                    i++;
                    continue;
                }
                return Optional.of(Character.toUpperCase(text.charAt(i + 1)));
            }
        }
        return Optional.empty();
    }

    /** The footer's letters in the current language. */
    public static Set<Character> footer() {
        Set<Character> out = new LinkedHashSet<>();
        // A key this build does not have reads "!key!": no mnemonic, nothing taken.
        FOOTER_KEYS.forEach(k -> of(Messages.get(k)).ifPresent(out::add));
        return out;
    }

    /**
     * {@code text} with its underscores escaped and a mnemonic on the first A–Z letter not in {@code taken}, which
     * is then added to {@code taken}; without a mnemonic when every letter is taken.
     */
    public static String assign(String text, Set<Character> taken) {
        String escaped = text.replace("_", "__");
        for (int i = 0; i < escaped.length(); i++) {
            char c = Character.toUpperCase(escaped.charAt(i));
            if (c >= 'A' && c <= 'Z' && !taken.contains(c)) {
                taken.add(c);
                return escaped.substring(0, i) + "_" + escaped.substring(i);
            }
        }
        return escaped;
    }

    /**
     * As {@link #assign}, but a field's label always gets a key: when every letter of its text is taken, the first
     * free A–Z letter follows in brackets ("Modbus unit id (_F)"), as Windows does for texts without a usable letter.
     * Only when all 26 are taken is there none.
     */
    public static String assignAlways(String text, Set<Character> taken) {
        String assigned = assign(text, taken);
        if (of(assigned).isPresent()) {
            return assigned;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            if (taken.add(c)) {
                return assigned + " (_" + c + ")";
            }
        }
        return assigned;
    }

    /** The letters of every labelled node with mnemonic parsing under {@code root}, except under {@code skip}. */
    public static Set<Character> taken(Node root, Node skip) {
        Set<Character> out = new LinkedHashSet<>();
        collect(root, skip, out);
        return out;
    }

    private static void collect(Node node, Node skip, Set<Character> out) {
        if (node == null || node == skip) {
            return;
        }
        if (node instanceof Labeled l && l.isMnemonicParsing()) {
            of(l.getText()).ifPresent(out::add);
        }
        if (node instanceof ScrollPane s) {
            collect(s.getContent(), skip, out);
        } else if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, skip, out));
        }
    }

    /**
     * Links each label with the id {@code for-X} to the node {@code #X} under {@code root}: its mnemonic then focuses
     * that node, and a screen reader reads the label as its name. (FXML's {@code labelFor="$X"} only sees nodes
     * declared before the label, so a label in front of its field would stay unlinked.)
     */
    public static void linkLabels(Node root) {
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Label label && label.getId() != null && label.getId().startsWith("for-")) {
                Node target = root.lookup("#" + label.getId().substring("for-".length()));
                if (target != null) {
                    label.setLabelFor(target);
                }
            }
        }
    }

    /**
     * Makes each label's mnemonic under {@code root} focus the node it is a label for. JavaFX's label skin takes
     * the target only when {@code labelFor} changes after the skin has seen the mnemonic; a label linked before it
     * was shown (FXML, a form built in code) would otherwise take the mnemonic itself, and Alt+letter would do
     * nothing. Call once the labels are in the window.
     */
    public static void relinkLabels(Parent root) {
        if (root.getScene() == null) {
            return;
        }
        // A step's view leaves the window when another is shown, and JavaFX keeps an empty list under each of its
        // letters. The scene stops at the first letter that matches Alt+key, in either case: an empty "i" (Prepare's
        // "Cla_im") would hide the Add form's "I" (IP address), and Alt+I would do nothing.
        root.getScene().getMnemonics().values().removeIf(List::isEmpty);
        root.applyCss();
        root.layout();
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Label label && label.getLabelFor() != null && label.isMnemonicParsing()) {
                Node target = label.getLabelFor();
                label.setLabelFor(null);
                label.setLabelFor(target);
            }
        }
    }
}
