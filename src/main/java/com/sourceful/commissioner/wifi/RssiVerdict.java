package com.sourceful.commissioner.wifi;

import java.util.Locale;

/**
 * A plain verdict on a Wi-Fi signal. Weak is below -75 dBm (the line). Good starts at -67 dBm: the figure
 * Wi-Fi vendors design real-time traffic for, which leaves a Zap about 8 dB of margin before weak, for a door
 * closed, people in the way or a cabinet lid shut after it is mounted. In between is fair: it works, with little
 * margin.
 */
public enum RssiVerdict {
    GOOD, FAIR, WEAK;

    /** At or above this a signal is good. */
    public static final int GOOD_FROM_DBM = -67;
    /** At or above this (and below good) a signal is fair; below it, weak. */
    public static final int FAIR_FROM_DBM = -75;

    public static RssiVerdict of(int rssiDbm) {
        if (rssiDbm >= GOOD_FROM_DBM) {
            return GOOD;
        }
        return rssiDbm >= FAIR_FROM_DBM ? FAIR : WEAK;
    }

    /** The word for the command line and logs. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
