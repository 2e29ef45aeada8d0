package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import com.sourceful.commissioner.ui.common.Messages;

/** No user-visible text is written into a view: FXML uses %keys, controllers use {@link Messages}. */
class HardCodedTextTest {

    private static final Path FXML = Path.of("src/main/resources/com/sourceful/commissioner/ui");
    private static final Path JAVA = Path.of("src/main/java/com/sourceful/commissioner/ui");

    /** FXML attributes that are shown to the user (or read out by a screen reader). */
    private static final Pattern FXML_TEXT = Pattern.compile(
            "\\b(text|promptText|title|accessibleText|accessibleHelp|accessibleRoleDescription|headerText|contentText"
                    + "|label|tooltip)\\s*=\\s*\"([^\"]*)\"");

    /** Calls that put a string on the screen, with a string literal as their argument. */
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "\\b(setText|setPromptText|setTitle|setHeaderText|setContentText|setAccessibleText|setAccessibleHelp"
                    + "|new\\s+(?:Label|Button|Tooltip|CheckBox|RadioButton|ToggleButton|Hyperlink|MenuItem|Menu|Tab"
                    + "|TitledPane|Text|MenuButton))\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Literal values that are not language text, each with the reason. */
    private static final Map<String, String> ALLOWED = Map.of(
            "https://…", "an example of a URL's form in provision.fxml's custom Novacore URL field",
            "sit-…", "the form of a Novacore site id, in provision.fxml's site id field");

    @Test
    void fxmlTextsAreKeys() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : files(FXML, ".fxml")) {
            Matcher m = FXML_TEXT.matcher(Files.readString(f));
            while (m.find()) {
                String value = m.group(2);
                if (!value.isEmpty() && !value.startsWith("%") && !value.startsWith("$") && !ALLOWED.containsKey(value)
                        && value.codePoints().anyMatch(Character::isLetter)) {
                    violations.add(f.getFileName() + ": " + m.group(1) + "=\"" + value + "\"");
                }
            }
        }
        assertThat(violations).as("hard-coded text in FXML; use %key and add it to both bundles").isEmpty();
    }

    @Test
    void controllersTakeTextFromMessages() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : files(JAVA, ".java")) {
            Matcher m = JAVA_TEXT.matcher(Files.readString(f));
            while (m.find()) {
                String value = m.group(2);
                if (!ALLOWED.containsKey(value) && value.codePoints().anyMatch(Character::isLetter)) {
                    violations.add(f.getFileName() + ": " + m.group(1) + "(\"" + value + "\")");
                }
            }
        }
        assertThat(violations).as("hard-coded text in Java views; use Messages.get and add it to both bundles").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        // The patterns themselves: a check that finds nothing proves nothing.
        assertThat(FXML_TEXT.matcher("<Label text=\"Hello\"/>").find()).isTrue();
        assertThat(FXML_TEXT.matcher("<TextField promptText=\"e.g. zap.local\"/>").find()).isTrue();
        assertThat(JAVA_TEXT.matcher("label.setText(\"Next\");").find()).isTrue();
        assertThat(JAVA_TEXT.matcher("new Tooltip(\"Remove\")").find()).isTrue();
        assertThat(JAVA_TEXT.matcher("new Label(Messages.get(\"x\"))").find()).isFalse();
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
