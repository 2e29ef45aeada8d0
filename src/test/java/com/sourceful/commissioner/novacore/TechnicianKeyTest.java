package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import com.sourceful.commissioner.testsupport.HostileFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TechnicianKeyTest {

    // RFC 8032 section 7.1, TEST 1.
    static final String RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String RFC_EMPTY_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static byte[] rfcPkcs8() {
        return HexFormat.of().parseHex("302e020100300506032b657004220420" + RFC_SEED);
    }

    static boolean verifies(String publicHex, String message, String signatureHex) throws Exception {
        byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100" + publicHex);
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(pub);
        v.update(message.getBytes(StandardCharsets.UTF_8));
        return v.verify(HexFormat.of().parseHex(signatureHex));
    }

    @Test
    void rfc8032VectorFromAHexSeed() throws Exception {
        TechnicianKey key = TechnicianKey.load(write("seed.hex", RFC_SEED + "\n"));
        assertThat(key.publicKeyHex()).isEqualTo(RFC_PUBLIC);
        assertThat(key.sign("")).isEqualTo(RFC_EMPTY_SIGNATURE);
        assertThat(TechnicianKey.load(write("upper.hex", RFC_SEED.toUpperCase())).publicKeyHex()).isEqualTo(RFC_PUBLIC);
    }

    @Test
    void base64SeedPaddedOrNotAndUrlSafe() throws Exception {
        byte[] seed = HexFormat.of().parseHex(RFC_SEED);
        assertThat(TechnicianKey.load(write("a.b64", Base64.getEncoder().encodeToString(seed))).publicKeyHex())
                .isEqualTo(RFC_PUBLIC);
        assertThat(TechnicianKey.load(write("b.b64", Base64.getEncoder().withoutPadding().encodeToString(seed)))
                .publicKeyHex()).isEqualTo(RFC_PUBLIC);
        assertThat(TechnicianKey.load(write("c.b64", Base64.getUrlEncoder().encodeToString(seed))).publicKeyHex())
                .isEqualTo(RFC_PUBLIC);
    }

    @Test
    void pkcs8PemAsOpensslWritesIt() throws Exception {
        TechnicianKey key = TechnicianKey.load(write("rfc.pem", pem("PRIVATE KEY", rfcPkcs8())));
        assertThat(key.publicKeyHex()).isEqualTo(RFC_PUBLIC);
        assertThat(key.sign("")).isEqualTo(RFC_EMPTY_SIGNATURE);
    }

    @Test
    void pemRoundTripOfAGeneratedKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        String expectedPublic = HexFormat.of().formatHex(x509, x509.length - 32, x509.length);

        TechnicianKey key = TechnicianKey.load(write("gen.pem", "\uFEFF" + pem("PRIVATE KEY", pair.getPrivate().getEncoded())));
        assertThat(key.publicKeyHex()).isEqualTo(expectedPublic).hasSize(64);

        String challenge = "nova-challenge-ä-" + System.nanoTime();
        String signature = key.sign(challenge);
        assertThat(signature).hasSize(128);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(pair.getPublic());
        v.update(challenge.getBytes(StandardCharsets.UTF_8));
        assertThat(v.verify(HexFormat.of().parseHex(signature))).isTrue();
        assertThat(verifies(expectedPublic, challenge + "x", signature)).isFalse();
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        TechnicianKey key = TechnicianKey.load(write("seed.hex", RFC_SEED));
        assertThat(key.toString()).doesNotContain(RFC_SEED).doesNotContain(RFC_SEED.substring(0, 8))
                .doesNotContain(RFC_PUBLIC).startsWith("TechnicianKey[");
    }

    @Test
    void badFilesAreRefusedWithoutQuotingThem() throws Exception {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String shortHex = RFC_SEED.substring(0, 62);
        String[][] cases = {
                {"empty", ""},
                {"blank", "  \n\t"},
                {"short hex", shortHex},
                {"long base64", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(RFC_SEED + RFC_PUBLIC))},
                {"prose", "my key is " + RFC_SEED},
                {"ed448", pem("PRIVATE KEY", ed448.getPrivate().getEncoded())},
                {"rsa", pem("PRIVATE KEY", rsa.getPrivate().getEncoded())},
                {"public", pem("PUBLIC KEY", ed25519.getPublic().getEncoded())},
                {"openssh", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"},
                {"damaged pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI" + RFC_SEED + "\n-----END PRIVATE KEY-----\n"},
                {"bad base64 pem", "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n"},
        };
        for (String[] c : cases) {
            TechnicianKey.InvalidKeyFileException e = catchThrowableOfType(TechnicianKey.InvalidKeyFileException.class,
                    () -> TechnicianKey.load(write("bad.key", c[1])));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.getMessage()).as(c[0]).isNotBlank()
                    .doesNotContain(RFC_SEED).doesNotContain(RFC_SEED.substring(0, 16))
                    .doesNotContain(shortHex.substring(0, 16));
            if (!c[1].isBlank()) {
                String body = c[1].replaceAll("-----[A-Z ]+-----", "").strip();
                assertThat(e.getMessage()).as(c[0]).doesNotContain(body.substring(0, Math.min(12, body.length())));
            }
            assertThat(e.getCause()).as(c[0]).isNull();
        }
    }

    @Test
    void hugeFileIsRefusedAndMissingFileIsAnIoException() throws Exception {
        Path big = dir.resolve("big.key");
        Files.write(big, new byte[70_000]);
        assertThat(catchThrowableOfType(TechnicianKey.InvalidKeyFileException.class, () -> TechnicianKey.load(big)))
                .hasMessageContaining("too large");
        assertThat(catchThrowableOfType(IOException.class, () -> TechnicianKey.load(dir.resolve("nope"))))
                .isNotNull();
    }

    @Test
    void aHugeSparseFileIsRefusedAsTooLarge() throws Exception {
        Path huge = HostileFiles.huge(dir.resolve("huge.key"));
        assertThat(catchThrowableOfType(TechnicianKey.InvalidKeyFileException.class, () -> TechnicianKey.load(huge)))
                .hasMessageContaining("too large");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = HostileFiles.fifo(dir.resolve("fifo.key"));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> catchThrowableOfType(
                TechnicianKey.InvalidKeyFileException.class, () -> TechnicianKey.load(fifo))))
                .hasMessageContaining("not a plain file");
    }

    @Test
    void aLinkToADeviceIsRefusedAsNotAPlainFile() throws Exception {
        Path zero = HostileFiles.linkToDevZero(dir.resolve("zero.key"));
        assertThat(catchThrowableOfType(TechnicianKey.InvalidKeyFileException.class, () -> TechnicianKey.load(zero)))
                .hasMessageContaining("not a plain file");
    }
}
