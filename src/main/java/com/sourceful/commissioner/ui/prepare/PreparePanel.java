package com.sourceful.commissioner.ui.prepare;

import java.util.Collection;

import javafx.beans.property.ReadOnlyBooleanProperty;

/** What the Prepare step asks of each of its panels (claim, Wi-Fi, health). */
interface PreparePanel {

    /** The step is shown (again) for the session's Zap. */
    void enter();

    /** The step is left: nothing keeps running unseen. */
    void leave();

    /** Work the wizard waits for (Back and Next), which Cancel or Esc stops. */
    ReadOnlyBooleanProperty busyProperty();

    void cancel();

    /** Stops work that runs beside the technician (a measurement, a sign-in); false when there is none. */
    boolean cancelBackgroundWork();

    /** What no report may contain. */
    Collection<String> secrets();
}
