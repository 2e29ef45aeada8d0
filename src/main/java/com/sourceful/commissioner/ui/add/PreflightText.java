package com.sourceful.commissioner.ui.add;

import java.util.Locale;

import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.ui.common.Messages;

/** A preflight result as one plain sentence with a next step. */
final class PreflightText {

    private PreflightText() {
    }

    static String describe(PreflightResult result) {
        String key = "preflight." + result.reason().name().toLowerCase(Locale.ROOT);
        return Messages.get(key, result.target(), result.modbusExceptionCode().orElse(0));
    }
}
