package com.sourceful.commissioner.sim;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/system/reboot} in the Zap simulator: after {@code delay} (the documented ~5 s) the Zap's port
 * stops answering (connections refused, open ones closed) for {@code down}, then answers again on the same port,
 * uptime reset and devices kept, as a real Zap keeps its device config across a restart. Both times are real time,
 * divided by the simulator clock's {@code --time-scale} so a fast demo reboots fast too.
 */
final class SimReboot {

    private static final Logger LOG = LoggerFactory.getLogger(SimReboot.class);

    /** The documents: "reboots after ~5 s". */
    static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);
    /** Not documented: an ESP32 boots in about a second or two, then joins its Wi-Fi; a few seconds in all. */
    static final Duration DEFAULT_DOWN = Duration.ofSeconds(5);

    /** What the simulator does when it goes down and comes back up. */
    interface Power {
        void off();

        void on() throws IOException;
    }

    private final Duration delay;
    private final Duration down;
    private final Power power;
    private Thread restarting;

    SimReboot(Duration delay, Duration down, Clock clock, Power power) {
        double scale = clock instanceof ScaledClock scaled ? scaled.scale() : 1;
        this.delay = Duration.ofMillis(Math.round(delay.toMillis() / scale));
        this.down = Duration.ofMillis(Math.round(down.toMillis() / scale));
        this.power = power;
    }

    /** Restarts once; a reboot asked while one is under way is that same one. */
    synchronized void schedule() {
        if (restarting != null && restarting.isAlive()) {
            return;
        }
        restarting = new Thread(this::run, "zap-sim-reboot");
        restarting.setDaemon(true);
        restarting.start();
    }

    /** The simulator is closing: a restart under way stops where it is (and does not bring the port back). */
    synchronized void cancel() {
        if (restarting != null) {
            restarting.interrupt();
        }
    }

    private void run() {
        try {
            Thread.sleep(delay.toMillis());
            power.off();
            LOG.info("Zap simulator restarting: down for {} ms", down.toMillis());
            Thread.sleep(down.toMillis());
            power.on();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Zap simulator did not come back after its reboot: {}", e.toString());
        }
    }
}
