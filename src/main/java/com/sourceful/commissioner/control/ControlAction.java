package com.sourceful.commissioner.control;

/** What a control check asks of the device. */
public enum ControlAction {
    /** The battery charges at the test's power (setpoint W &gt; 0). */
    CHARGE,
    /** The battery discharges at the test's power (setpoint W &lt; 0). */
    DISCHARGE,
    /** The PV is limited to the test's power (W generated at most). */
    LIMIT_PV;

    public boolean battery() {
        return this != LIMIT_PV;
    }

    /** The DER type id the check watches. */
    public String derType() {
        return battery() ? "battery" : "pv";
    }
}
