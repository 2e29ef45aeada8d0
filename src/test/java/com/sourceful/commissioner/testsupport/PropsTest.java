package com.sourceful.commissioner.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The property runner itself: it finds a failing case, shrinks it, names the seed, replays it, remembers it. */
class PropsTest {

    @TempDir
    Path failures;

    static final Gen<String> TEXT = Gens.strings("abcxyz01", 0, 40);

    /** "no x in the text" is false; the shrunk counter-example is the smallest text that shows it. */
    static void noX(String s) {
        assertThat(s).as("%s", Props.show(s)).doesNotContain("x");
    }

    @Test
    void aFalsePropertyIsReportedWithItsSeedAndTheSmallestCase() {
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Props.run("demo", 500, TEXT, Props::shrinkString, PropsTest::noX, failures, "42"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Property demo falsified", "seed 42", "-Dprops.seed=42")
                .contains("shrunk:  \"x\"");
        assertThat(failures.resolve("demo.seed")).exists();
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Props.run("a", 50, TEXT, Props.Shrinker.none(), first::add, failures, "7");
        Props.run("b", 50, TEXT, Props.Shrinker.none(), second::add, failures, "7");
        assertThat(first).hasSize(50).isEqualTo(second);
    }

    @Test
    void aRememberedFailureIsTriedFirstAndForgottenOncePassing() throws Exception {
        catchThrowableOfType(AssertionError.class,
                () -> Props.run("memo", 500, TEXT, Props::shrinkString, PropsTest::noX, failures, "42"));
        Path memory = failures.resolve("memo.seed");
        assertThat(memory).exists();
        // Next run, random seed: the remembered case comes first and still fails.
        AssertionError again = catchThrowableOfType(AssertionError.class,
                () -> Props.run("memo", 1, (r, size) -> "", Props::shrinkString, PropsTest::noX, failures, null));
        assertThat(again).isNull(); // the generator changed: the remembered try now makes "", which passes
        assertThat(memory).doesNotExist();
        catchThrowableOfType(AssertionError.class,
                () -> Props.run("memo", 500, TEXT, Props::shrinkString, PropsTest::noX, failures, "42"));
        AssertionError remembered = catchThrowableOfType(AssertionError.class,
                () -> Props.run("memo", 500, TEXT, Props::shrinkString, PropsTest::noX, failures, null));
        assertThat(remembered.getMessage()).contains("remembered from an earlier failing run", "seed 42");
        assertThat(Files.readString(memory)).startsWith("42 ");
    }

    @Test
    void uncheckedExceptionsAreFailuresToo() {
        AssertionError e = catchThrowableOfType(AssertionError.class, () -> Props.run("npe", 100, TEXT,
                Props::shrinkString, s -> s.substring(s.indexOf('x')), failures, "3"));
        assertThat(e.getCause()).isInstanceOf(StringIndexOutOfBoundsException.class);
        assertThat(e.getMessage()).containsPattern("(case|shrunk): +\"\"");
    }

    @Test
    void showWritesJavaStringLiterals() {
        assertThat(Props.show("a\"b\\c\n\u0661\uD800")).isEqualTo("\"a\\\"b\\\\c\\n\\u0661\\ud800\"");
    }
}
