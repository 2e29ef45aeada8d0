package com.sourceful.commissioner.novacore;

import java.io.IOException;
import java.nio.file.Path;

/** TEMPORARY stand-in of the issue 6 contract; replaced by the sign-in branch on merge. */
public final class TechnicianKey {
    public static final class InvalidKeyFileException extends Exception {
        public InvalidKeyFileException(String message) {
            super(message);
        }
    }

    private TechnicianKey() {
    }

    public static TechnicianKey load(Path file) throws IOException, InvalidKeyFileException {
        throw new InvalidKeyFileException("key sign-in not built yet");
    }

    public String publicKeyHex() {
        return "";
    }

    public String sign(String challenge) {
        return "";
    }
}
