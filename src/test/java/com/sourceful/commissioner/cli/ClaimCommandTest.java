package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.sourceful.commissioner.testsupport.ClaimStubs;
import com.sourceful.commissioner.testsupport.ClaimStubs.Answer;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code claim HOST[:PORT] --novacore URL --org ORG [--token-file FILE]} against a stub Zap and a scripted Novacore on
 * 127.0.0.1: each outcome's exit status and line, and the token never in the output.
 */
class ClaimCommandTest {

    static final String SERIAL = "zap-04772a97";
    static final String ORG = "org-5a1e";
    static final String IDENTITY = "idt-3f2a";
    /** A well-formed JWT whose signature part is easy to look for in the output. */
    static final String JWT = jwt("{\"identity_id\":\"" + IDENTITY + "\",\"exp\":1900000000}");

    final TestClock clock = TestClock.atNoon();
    final Streams io = new Streams();
    @TempDir
    Path dir;
    ClaimStubs.Zap zap;
    ClaimStubs.Novacore nova;
    Path tokenFile;

    static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".U2VjcmV0U2lnbmF0dXJlUGFydA";
    }

    @BeforeEach
    void start() throws Exception {
        zap = new ClaimStubs.Zap(SERIAL);
        tokenFile = Files.writeString(dir.resolve("token"), JWT + "\n");
    }

    @AfterEach
    void stop() {
        zap.close();
        if (nova != null) {
            nova.close();
        }
        // Whatever the outcome: no part of the token in what the command printed.
        for (String part : JWT.split("\\.")) {
            assertThat(io.out() + io.err()).doesNotContain(part);
        }
    }

    int claim(InputStream stdin, Answer answer, String... extra) throws Exception {
        nova = new ClaimStubs.Novacore(answer);
        List<String> args = new ArrayList<>(List.of(zap.host(), "--novacore", nova.server.baseUri().toString(),
                "--org", ORG));
        args.addAll(List.of(extra));
        return ClaimCommand.run(args.toArray(String[]::new), stdin, null, io.out, io.err, clock);
    }

    int claimWithFile(Answer answer) throws Exception {
        return claim(InputStream.nullInputStream(), answer, "--token-file", tokenFile.toString());
    }

    static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNewClaimWithTheTokenFromAFileExitsZeroWithOneLine() throws Exception {
        int status = claimWithFile(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(status).as("stderr: %s", io.err()).isZero();
        assertThat(io.out()).startsWith("claimed: ").contains(SERIAL, ORG).hasLineCount(1);
        assertThat(io.err()).isEmpty();
        assertThat(nova.authorizations).containsExactly("Bearer " + JWT);
        assertThat(nova.claims.get(0).get("message").getAsString()).startsWith(IDENTITY + "|");
    }

    @Test
    void theTokenIsReadFromStdinWithoutAFile() throws Exception {
        int status = claim(stdin("  " + JWT + "\r\n"), ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(status).as("stderr: %s", io.err()).isZero();
        assertThat(nova.authorizations).containsExactly("Bearer " + JWT);
    }

    @Test
    void alreadyClaimedByTheOrganisationExitsZero() throws Exception {
        assertThat(claimWithFile(ClaimStubs.Novacore.claimed(SERIAL, ORG, false))).isZero();
        assertThat(io.out()).startsWith("already claimed: ").contains("nothing to do");
    }

    @Test
    void claimedByAnotherOrganisationIsRefusedWithAdvice() throws Exception {
        int status = claimWithFile(ClaimStubs.Novacore.error(409, "conflict",
                "gateway is claimed by another organisation"));
        assertThat(status).isEqualTo(ClaimCommand.REFUSED);
        assertThat(io.err()).startsWith("refused: ").contains("another organisation", "Sourceful support")
                .hasLineCount(1);
        assertThat(io.out()).isEmpty();
    }

    @Test
    void aSignatureThatDoesNotVerifyFailsWithoutAsking() throws Exception {
        zap.signingKey = ClaimStubs.p256();
        assertThat(claimWithFile(ClaimStubs.Novacore.claimed(SERIAL, ORG, true))).isEqualTo(ClaimCommand.FAILED);
        assertThat(io.err()).startsWith("failed: ").contains("does not verify");
        assertThat(nova.server.requests()).isEmpty();
    }

    @Test
    void aNovacoreThatRefusesTheTokenIsRefusedAndTheTokenIsNotEchoed() throws Exception {
        assertThat(claimWithFile(ClaimStubs.Novacore.error(401, "unauthorized", "bad token"))).isEqualTo(3);
        assertThat(io.err()).contains("sign in again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--token", "--token=" + "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.U2VjcmV0U2lnbmF0dXJlUGFydA"})
    void aTokenOptionIsRefusedWithoutEchoingItsValue(String option) throws Exception {
        int status = claim(InputStream.nullInputStream(), ClaimStubs.Novacore.claimed(SERIAL, ORG, true),
                option, JWT);
        assertThat(status).isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).startsWith("claim: a token is never given as an argument").contains("--token-file");
        assertThat(io.err()).doesNotContain("U2VjcmV0U2lnbmF0dXJlUGFydA");
        assertThat(nova.server.requests()).isEmpty();
        assertThat(zap.server.requests()).isEmpty();
    }

    @Test
    void aTokenGivenAsTheAddressIsRefusedWithoutEchoingIt() throws Exception {
        nova = new ClaimStubs.Novacore(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        int status = ClaimCommand.run(new String[]{JWT, "--novacore", nova.server.baseUri().toString(), "--org", ORG},
                InputStream.nullInputStream(), null, io.out, io.err, clock);
        assertThat(status).isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).contains("that argument is a token");
    }

    @Test
    void anUnreadableTokenIsAUsageErrorThatDoesNotQuoteIt() throws Exception {
        int status = claim(stdin("hunter2-not-a-jwt"), ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(status).isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).contains("the token is not usable", "not a JWT").doesNotContain("hunter2");
        assertThat(zap.server.requests()).isEmpty();
    }

    @Test
    void aTokenWithoutAnIdentityOrExpiredIsAUsageError() throws Exception {
        assertThat(claim(stdin(jwt("{\"exp\":1900000000}")), ClaimStubs.Novacore.claimed(SERIAL, ORG, true)))
                .isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).contains("names no identity");
        nova.close();
        assertThat(claim(stdin(jwt("{\"identity_id\":\"idt-1\",\"exp\":1000}")),
                ClaimStubs.Novacore.claimed(SERIAL, ORG, true))).isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).contains("expired");
        assertThat(zap.server.requests()).isEmpty();
    }

    @Test
    void aMissingTokenFileIsAUsageError() throws Exception {
        int status = claim(InputStream.nullInputStream(), ClaimStubs.Novacore.claimed(SERIAL, ORG, true),
                "--token-file", dir.resolve("absent").toString());
        assertThat(status).isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).contains("cannot read the token file", "absent", "NoSuchFileException");
    }

    @Test
    void anEmptyStdinIsAUsageError() throws Exception {
        assertThat(claim(InputStream.nullInputStream(), ClaimStubs.Novacore.claimed(SERIAL, ORG, true)))
                .isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).contains("the token is not usable");
    }

    @Test
    void helpDocumentsTheExitStatusesAndSucceeds() {
        assertThat(ClaimCommand.run(new String[]{"--help"}, InputStream.nullInputStream(), null, io.out, io.err, clock))
                .isZero();
        assertThat(io.out()).contains("Usage: zap-commissioner claim HOST[:PORT] --novacore URL --org ORG",
                "--token-file", "Exit status: 0", "3 when");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--org", "--novacore", "address", "--verbose", "twoAddresses", "badNovacore"})
    void badArgumentsAreUsageErrors(String mistake) throws Exception {
        nova = new ClaimStubs.Novacore(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        String novacore = nova.server.baseUri().toString();
        String[] args = switch (mistake) {
            case "" -> new String[]{};
            case "--org" -> new String[]{zap.host(), "--novacore", novacore};
            case "--novacore" -> new String[]{zap.host(), "--org", ORG};
            case "address" -> new String[]{"--novacore", novacore, "--org", ORG};
            case "--verbose" -> new String[]{zap.host(), "--novacore", novacore, "--org", ORG, "--verbose"};
            case "twoAddresses" -> new String[]{zap.host(), "127.0.0.2", "--novacore", novacore, "--org", ORG};
            default -> new String[]{zap.host(), "--novacore", "ftp://127.0.0.1/", "--org", ORG};
        };
        int status = ClaimCommand.run(args, stdin(JWT), null, io.out, io.err, clock);
        assertThat(status).as("exit status for '%s'", mistake).isEqualTo(ClaimCommand.USAGE_ERROR);
        assertThat(io.err()).startsWith("claim: ").contains("Usage:");
        assertThat(zap.server.requests()).isEmpty();
        assertThat(nova.server.requests()).isEmpty();
    }
}
