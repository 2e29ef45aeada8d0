package com.sourceful.commissioner.zap;

/** A network a Zap's scan heard: its name, signal in dBm and security as the Zap names it (e.g. WPA2_PSK, OPEN). */
public record WifiNetwork(String ssid, int rssi, String auth) {

    /** An open network takes no password. */
    public boolean open() {
        return auth.equalsIgnoreCase("OPEN") || auth.isEmpty();
    }
}
