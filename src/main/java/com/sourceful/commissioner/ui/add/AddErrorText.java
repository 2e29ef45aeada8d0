package com.sourceful.commissioner.ui.add;

import java.util.Locale;
import java.util.concurrent.CancellationException;

import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.zap.ZapException;

/** Why the Zap did not add a device ({@code POST /api/devices}), in the technician's words. */
final class AddErrorText {

    private AddErrorText() {
    }

    static String describe(Throwable e) {
        return describe(e, Os.current());
    }

    /** The same as on {@code os}, whose rules change what some failures mean (macOS Local Network privacy). */
    static String describe(Throwable e, Os os) {
        if (e instanceof ZapException z && z.kind() == ZapException.Kind.REJECTED) {
            return switch (z.status()) {
                case 400 -> z.field().isPresent()
                        ? Messages.get("add.error.400", z.field().get(), z.serverMessage().orElse(""))
                        : ErrorMessages.zap(z, os);
                case 409 -> Messages.get("add.error.409", z.conflictingSerial().orElse("?"));
                case 503 -> z.serverMessage().orElse("").toLowerCase(Locale.ROOT).contains("low memory")
                        ? ErrorMessages.zap(z, os) : Messages.get("add.error.503", z.serverMessage().orElse(""));
                default -> ErrorMessages.zap(z, os);
            };
        }
        if (e instanceof CancellationException) {
            return Messages.get("add.error.cancelled");
        }
        if (e instanceof ZapException z && z.kind() == ZapException.Kind.TIMEOUT) {
            return Messages.get("add.error.timeout");
        }
        return ErrorMessages.of(e, os);
    }
}
