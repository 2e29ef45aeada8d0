package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sourceful.commissioner.visit.VisitFileProblem.Kind;

import org.junit.jupiter.api.Test;

/** Every reason VisitFile gives, sorted into a kind the app can say in the technician's language. */
class VisitFileProblemTest {

    private static VisitFileProblem of(String message) {
        return VisitFileProblem.of(new VisitFileException(message));
    }

    @Test
    void theFileAsAWhole() {
        assertThat(of("not JSON (line 1 column 2)").kind()).isEqualTo(Kind.NOT_A_VISIT);
        assertThat(of("not UTF-8 text").kind()).isEqualTo(Kind.NOT_A_VISIT);
        assertThat(of("not a visit file: ClassCastException").kind()).isEqualTo(Kind.NOT_A_VISIT);
        assertThat(of("format: not a visit file of this app").kind()).isEqualTo(Kind.NOT_A_VISIT);
        assertThat(of("the file: not an object")).isEqualTo(new VisitFileProblem(Kind.NOT_A_VISIT, "", ""));
        assertThat(of("larger than 16777216 bytes").kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(of("version: the file is of version 3, written by a newer app; this app reads version 1: update"))
                .isEqualTo(new VisitFileProblem(Kind.NEWER_VERSION, "version", "3"));
        assertThat(of("the file: nested more than 32 deep")).isEqualTo(new VisitFileProblem(Kind.MALFORMED, "", ""));
    }

    @Test
    void aFieldWithItsPath() {
        assertThat(of("session.visits[2].device.sn: missing"))
                .isEqualTo(new VisitFileProblem(Kind.MISSING, "session.visits[2].device.sn", ""));
        assertThat(of("a.b: not a text").kind()).isEqualTo(Kind.WRONG_TYPE);
        assertThat(of("a.b: not true or false").kind()).isEqualTo(Kind.WRONG_TYPE);
        assertThat(of("a.b: not a text, number or true/false").kind()).isEqualTo(Kind.WRONG_TYPE);
        assertThat(of("a.b: not a time").kind()).isEqualTo(Kind.WRONG_TYPE);
        assertThat(of("a.b: not a time (ISO-8601, UTC)").kind()).isEqualTo(Kind.MALFORMED);
        assertThat(of("a.b: not between 0 and 255").kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
        assertThat(of("a.b: longer than 256 characters").kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
        assertThat(of("a.b: more than 1000 items").kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
        assertThat(of("a.chart_png: larger than 2097152 bytes").kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
        assertThat(of("a.b: not a value this app knows").kind()).isEqualTo(Kind.UNKNOWN_VALUE);
        assertThat(of("a.group: not a group this app knows").kind()).isEqualTo(Kind.UNKNOWN_VALUE);
        assertThat(of("a.b: not printable").kind()).isEqualTo(Kind.MALFORMED);
        assertThat(of("a.b: not a PNG image").kind()).isEqualTo(Kind.MALFORMED);
        assertThat(of("id: not a visit id (a UUID)").kind()).isEqualTo(Kind.MALFORMED);
        assertThat(of("a.b: something new")).isEqualTo(new VisitFileProblem(Kind.OTHER, "a.b", "something new"));
    }
}
