package com.sourceful.commissioner.novacore;

import static com.sourceful.commissioner.testsupport.Outcomes.valueOr;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/**
 * Key files as a technician might pick them: a seed as hex or base64, a PKCS#8 PEM, damaged versions of each, other
 * PEM blocks, any text. A key or an {@link TechnicianKey.InvalidKeyFileException}, never an unchecked exception; and
 * the three ways of writing the same seed give the same public key.
 */
class TechnicianKeyPropertyTest {

    static final HexFormat HEX = HexFormat.of();
    static final byte[] PKCS8_PREFIX = HEX.parseHex("302e020100300506032b657004220420");

    static byte[] seed(RandomGenerator r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return b;
    }

    static String pem(byte[] der) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }

    static byte[] pkcs8(byte[] seed) {
        byte[] der = new byte[PKCS8_PREFIX.length + seed.length];
        System.arraycopy(PKCS8_PREFIX, 0, der, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, seed.length);
        return der;
    }

    /** A key file in one of the accepted forms, or a damaged one. */
    static Gen<String> keyFiles() {
        return (r, size) -> {
            byte[] seed = seed(r);
            switch (r.nextInt(10)) {
                case 0:
                    return HEX.formatHex(seed);
                case 1:
                    return Base64.getEncoder().encodeToString(seed);
                case 2:
                    return pem(pkcs8(seed));
                case 3: {
                    // PKCS#8 DER with bytes changed, added or cut: the key factory must refuse it cleanly
                    byte[] der = pkcs8(seed);
                    int at = r.nextInt(der.length);
                    int kind = r.nextInt(3);
                    if (kind == 0) {
                        der[at] = (byte) r.nextInt(256);
                    } else if (kind == 1) {
                        der = Arrays.copyOf(der, at);
                    } else {
                        byte[] longer = Arrays.copyOf(der, der.length + 1 + r.nextInt(40));
                        for (int i = der.length; i < longer.length; i++) {
                            longer[i] = (byte) r.nextInt(256);
                        }
                        der = longer;
                    }
                    return pem(der);
                }
                case 4: {
                    byte[] junk = new byte[r.nextInt(0, 120)];
                    r.nextBytes(junk);
                    return pem(junk);
                }
                case 5:
                    return Gens.nearMiss(Gens.constant(HEX.formatHex(seed), Base64.getEncoder().encodeToString(seed),
                            Base64.getUrlEncoder().withoutPadding().encodeToString(seed))).next(r, size);
                case 6:
                    return Gens.nearMiss((rr, s) -> pem(pkcs8(seed))).next(r, size);
                case 7:
                    return Gens.constant("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----",
                            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----",
                            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
                            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
                            "-----BEGIN PRIVATE KEY-----", "\uFEFF" + HEX.formatHex(seed), "").next(r, size);
                default:
                    return Gens.anyText(120).next(r, size);
            }
        };
    }

    @Test
    void anyKeyFileIsAKeyOrRefused() {
        Props.forAllStrings(600, keyFiles(), text -> valueOr(TechnicianKey.InvalidKeyFileException.class,
                () -> TechnicianKey.parse(text)).ifPresent(k -> assertThat(k.publicKeyHex()).matches("[0-9a-f]{64}")));
    }

    @Test
    void hexBase64AndPemOfOneSeedAreTheSameKey() {
        Props.forAll(50, (r, size) -> seed(r), seed -> {
            String fromHex = TechnicianKey.parse(HEX.formatHex(seed)).publicKeyHex();
            assertThat(TechnicianKey.parse(Base64.getEncoder().encodeToString(seed)).publicKeyHex()).isEqualTo(fromHex);
            assertThat(TechnicianKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(seed)).publicKeyHex())
                    .isEqualTo(fromHex);
            assertThat(TechnicianKey.parse("\n" + pem(pkcs8(seed)) + "\n").publicKeyHex()).isEqualTo(fromHex);
        });
    }
}
