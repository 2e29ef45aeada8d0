package com.sourceful.commissioner.ui.app;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * What tests turn to make a slow or broken Zap quick to observe; the app itself runs with {@link #defaults()}.
 *
 * @param zapClients       how a client for one Zap is made (tests: short connect and response timeouts)
 * @param verifyPollPeriod how often Verify asks for a reading; its back-off after failures scales with it
 * @param addRetryAfter    how long before Add asks a Zap again for the profiles or fields it could not list
 */
public record AppTuning(Function<URI, ZapClient> zapClients, Duration verifyPollPeriod, Duration addRetryAfter) {

    public AppTuning {
        Objects.requireNonNull(zapClients, "zapClients");
        if (verifyPollPeriod.isNegative() || verifyPollPeriod.isZero()) {
            throw new IllegalArgumentException("verifyPollPeriod must be positive");
        }
        if (addRetryAfter.isNegative() || addRetryAfter.isZero()) {
            throw new IllegalArgumentException("addRetryAfter must be positive");
        }
    }

    /** The real clients' timeouts (connect 3 s, answer 10 s), a reading about once a second, Add asks again after 5 s. */
    public static AppTuning defaults() {
        return new AppTuning(ZapClient::new, VerifyViewModel.POLL_PERIOD, AddDeviceViewModel.RETRY_AFTER);
    }
}
