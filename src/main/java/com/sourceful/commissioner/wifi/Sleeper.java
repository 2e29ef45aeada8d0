package com.sourceful.commissioner.wifi;

import java.time.Duration;

/** Waits; tests give one that moves a test clock instead. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
