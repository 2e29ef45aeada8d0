package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sourceful.commissioner.testsupport.OutputCapture;

import org.junit.jupiter.api.Test;

/**
 * Tokens and passwords are never logged: this reads everything the whole test suite wrote to stdout and stderr
 * (logs included) and fails on anything shaped like a JWT or equal to a password the tests use.
 */
class SecretsLeakTest {

    /** A JWT: three base64url parts, the first two JSON objects ("eyJ" is base64 for '{"'). */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    /** Passwords the tests type into forms or give to brokers. */
    static final List<String> TEST_PASSWORDS = List.of("s3cret-pass", "s3cret-pw", "s3cret ü",
            "correct horse battery staple", "pä ss:wörd 7", "secret-token-text",
            "correct horse", "w1fi-wrong-key", "w1fi-panel-wrong-k3y", "w1fi-vm-secret", "w1fi-vm-typed");

    static List<String> leaks(String output) {
        List<String> found = new ArrayList<>();
        Matcher m = JWT.matcher(output);
        while (m.find()) {
            // Say where, not what: the finding must not print the token again.
            int line = output.substring(0, m.start()).split("\n", -1).length;
            found.add("a JWT on output line " + line);
        }
        for (String p : TEST_PASSWORDS) {
            if (output.contains(p)) {
                found.add("the test password of length " + p.length());
            }
        }
        return found;
    }

    @Test
    void theCheckItselfFindsATokenAndAPassword() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpZHQtMSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        assertThat(leaks("INFO ok\nDEBUG Authorization: Bearer " + jwt + "\n")).containsExactly("a JWT on output line 2");
        assertThat(leaks("connect user=extapi password=s3cret-pass")).hasSize(1);
        assertThat(leaks("nothing to see")).isEmpty();
    }

    @Test
    void nothingTheSuiteWroteContainsATokenOrAPassword() {
        assertThat(OutputCapture.installed()).as("the capture listener runs for the whole suite").isTrue();
        String output = OutputCapture.text();
        assertThat(output).as("the suite's output was captured").isNotEmpty();
        assertThat(OutputCapture.truncated()).as("all output fitted in the capture").isFalse();
        assertThat(leaks(output)).isEmpty();
    }
}
