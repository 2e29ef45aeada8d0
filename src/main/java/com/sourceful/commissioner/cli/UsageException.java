package com.sourceful.commissioner.cli;

/** A command-line mistake; the message says what is wrong. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
