package com.sourceful.commissioner.control;

import java.io.IOException;

/**
 * Where a control check writes down that it holds control, so a crash cannot leave a customer's battery steered
 * unknowingly. Called from the check's background thread.
 */
public interface ControlLedger {

    /** Control is about to be taken: returns once that is saved (the check does not start otherwise). */
    void taken(ControlHold hold) throws IOException;

    /** Control was given back (both release calls accepted). */
    void released(ControlHold hold);

    /** The check's result, released or not. */
    void finished(ControlResult result);

    /** For tests and tools that keep no record. */
    ControlLedger NONE = new ControlLedger() {
        @Override
        public void taken(ControlHold hold) {
        }

        @Override
        public void released(ControlHold hold) {
        }

        @Override
        public void finished(ControlResult result) {
        }
    };
}
