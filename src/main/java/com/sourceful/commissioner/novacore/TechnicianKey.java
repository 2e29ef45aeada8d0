package com.sourceful.commissioner.novacore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.sourceful.commissioner.files.AtomicFiles;

/**
 * A technician's Ed25519 private key, held in memory to answer Novacore's sign-in challenge. Only the JDK's Ed25519
 * ({@code SunEC}) is used. {@link #toString()} and every exception message leave the key out.
 */
public final class TechnicianKey {

    /** Why a key file is refused; the message never contains key material. */
    public static final class InvalidKeyFileException extends Exception {
        public InvalidKeyFileException(String message) {
            super(message);
        }
    }

    /** Larger than any key file; a bigger file is not a key. */
    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final int SEED_BYTES = 32;
    /** DER of a PKCS#8 v1 PrivateKeyInfo for Ed25519 (RFC 8410), up to the 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final Pattern HEX_SEED = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);

    private final PrivateKey privateKey;
    private final String publicKeyHex;

    private TechnicianKey(PrivateKey privateKey, String publicKeyHex) {
        this.privateKey = privateKey;
        this.publicKeyHex = publicKeyHex;
    }

    /**
     * Reads a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm ed25519}
     * writes it), or a 32-byte seed written as 64 hex characters or as base64.
     *
     * @throws IOException             the file cannot be read
     * @throws InvalidKeyFileException the file is not an Ed25519 private key in one of those forms, is larger than
     *                                 64 KiB or is not a regular file (a FIFO, a device); such a file is not opened
     */
    public static TechnicianKey load(Path file) throws IOException, InvalidKeyFileException {
        byte[] bytes;
        try {
            // Type and size first: a FIFO or a device picked in the file chooser must not block the sign-in.
            bytes = AtomicFiles.readSmallRegularFile(file, MAX_FILE_BYTES);
        } catch (AtomicFiles.RefusedFileException e) {
            throw new InvalidKeyFileException(e.reason() == AtomicFiles.RefusedFileException.Reason.TOO_LARGE
                    ? "the file is too large to be a key file"
                    : "not a plain file (a folder, device or pipe); choose the key file itself");
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** {@link #load} on text already read. */
    static TechnicianKey parse(String text) throws InvalidKeyFileException {
        String t = text.strip();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).strip();
        }
        if (t.isEmpty()) {
            throw new InvalidKeyFileException("the file is empty");
        }
        if (t.contains("-----BEGIN")) {
            return fromPem(t);
        }
        if (HEX_SEED.matcher(t).matches()) {
            byte[] seed = HexFormat.of().parseHex(t);
            try {
                return fromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
        if (BASE64.matcher(t).matches()) {
            byte[] seed;
            try {
                seed = (t.contains("-") || t.contains("_") ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(t);
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyFileException("the file is not valid base64");
            }
            try {
                if (seed.length != SEED_BYTES) {
                    throw new InvalidKeyFileException("an Ed25519 seed is 32 bytes; this file holds " + seed.length);
                }
                return fromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
        throw new InvalidKeyFileException("not an Ed25519 private key: expected a PEM file (BEGIN PRIVATE KEY), "
                + "or a 32-byte seed as 64 hex characters or base64");
    }

    private static TechnicianKey fromPem(String t) throws InvalidKeyFileException {
        if (t.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            throw new InvalidKeyFileException("OpenSSH key files are not supported; export the key as PKCS#8 PEM "
                    + "(BEGIN PRIVATE KEY)");
        }
        if (t.contains("-----BEGIN PUBLIC KEY-----") && !t.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new InvalidKeyFileException("this is a public key; choose the private key file");
        }
        if (t.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new InvalidKeyFileException("encrypted key files are not supported; decrypt the key first");
        }
        var m = PEM.matcher(t);
        if (!m.find()) {
            throw new InvalidKeyFileException("not a PKCS#8 private key (expected BEGIN PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyFileException("the PEM body is not valid base64");
        }
        byte[] seed = null;
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof EdECPrivateKey ed)) {
                throw new InvalidKeyFileException("not an Ed25519 private key");
            }
            seed = ed.getBytes().orElseThrow(() -> new InvalidKeyFileException("the private key has no seed"));
            return fromSeed(seed);
        } catch (InvalidKeySpecException e) {
            // Ed448, RSA, EC... or a damaged file. The cause's message is not kept: it might quote bytes.
            throw new InvalidKeyFileException("not an Ed25519 private key (the PEM holds another key type or is damaged)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this Java runtime");
        } finally {
            Arrays.fill(der, (byte) 0);
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    /**
     * From a raw 32-byte seed (RFC 8032's private key). The public key is derived with the JDK's own key pair
     * generator fed the seed as its randomness: Java 17 has no public call that derives it from a private key.
     */
    static TechnicianKey fromSeed(byte[] seed) throws InvalidKeyFileException {
        if (seed.length != SEED_BYTES) {
            throw new InvalidKeyFileException("an Ed25519 seed is 32 bytes; this key holds " + seed.length);
        }
        byte[] pkcs8 = new byte[PKCS8_PREFIX.length + SEED_BYTES];
        System.arraycopy(PKCS8_PREFIX, 0, pkcs8, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, pkcs8, PKCS8_PREFIX.length, SEED_BYTES);
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = gen.generateKeyPair();
            byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
            boolean same = Arrays.equals(derived, seed);
            Arrays.fill(derived, (byte) 0);
            if (!same) {
                throw new IllegalStateException("this Java runtime's Ed25519 key generator did not use the seed");
            }
            byte[] x509 = pair.getPublic().getEncoded(); // SubjectPublicKeyInfo: 12-byte header + 32-byte key
            String publicHex = HexFormat.of().formatHex(x509, x509.length - SEED_BYTES, x509.length);
            return new TechnicianKey(privateKey, publicHex);
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyFileException("not a usable Ed25519 private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this Java runtime");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** Hands out exactly the seed, once, to the key pair generator. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;
        private boolean used;

        SeedRandom(byte[] seed) {
            super(new byte[0]);
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("unexpected use of the seed source");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The 32-byte raw public key, lower-case hex: what Novacore's {@code /auth/challenge} takes. */
    public String publicKeyHex() {
        return publicKeyHex;
    }

    /** The Ed25519 signature over the challenge's UTF-8 bytes, lower-case hex (64 bytes). */
    public String sign(String challenge) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(challenge.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Names the key by the start of its public half only. */
    @Override
    public String toString() {
        return "TechnicianKey[Ed25519, public " + publicKeyHex.substring(0, 8) + "…]";
    }
}
