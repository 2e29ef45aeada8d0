package com.sourceful.commissioner.zap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reboots one Zap ({@code POST /api/system/reboot}) and waits for it to go away and come back at the same address,
 * known by its serial, within a time limit. A Zap that comes back at another address (DHCP, a new Wi-Fi) is not
 * this class's job: the discovery follower finds a Zap by its serial across addresses; this one only says where to
 * look when the Zap is not back here.
 * <p>
 * Runs on the caller's thread (a background task): each step is one short call to the Zap.
 */
public final class ZapRebootWaiter {

    /**
     * How long a Zap may take to come back. The documents say only "reboots after ~5 s"; an ESP32 boots in a few
     * seconds and then joins its Wi-Fi (several more, longer on a weak signal), so 90 s is generous without making a
     * technician wait long for a Zap that will not come back.
     */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(90);
    /** One request every 2 s: a booting ESP32 is not flooded, and "back" is seen within 2 s. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    /** Waits; tests pass one that moves a test clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public enum Kind {
        /** The Zap answered the reboot request (or dropped the connection while doing so). */
        ASKED,
        /** It stopped answering: it is restarting. */
        GONE,
        /** Another Zap answers at this address now: this one may have got a new address. */
        OTHER_ZAP,
        /** Terminal: it answers again at this address with its serial, restarted. */
        BACK,
        /** Terminal: not back within the time limit; {@link Phase#detail()} says what to check. */
        NOT_BACK,
        /** Terminal: it was not rebooted (could not be read, another Zap is at the address, the request failed). */
        NOT_ASKED,
        /** Terminal: cancelled by the caller. */
        CANCELLED
    }

    /**
     * One step of the wait.
     *
     * @param elapsed time since the reboot was asked (zero before)
     * @param detail  for people, in English: a serial, a reason, what to check
     */
    public record Phase(Kind kind, Duration elapsed, String detail) {
    }

    /** Why a Zap is not back, from what the wait saw: what the technician checks first. */
    public enum NotBack {
        /** Another Zap answers at the address: this one probably has a new address (find it by its serial). */
        ANOTHER_ZAP_ANSWERS,
        /** It kept answering and never restarted: power it off and on. */
        NEVER_WENT_DOWN,
        /** It went away and did not come back: power, cable or Wi-Fi, this computer's network, a new address. */
        STAYED_AWAY;

        static NotBack of(boolean gone, Set<String> othersSeen) {
            return !othersSeen.isEmpty() ? ANOTHER_ZAP_ANSWERS : gone ? STAYED_AWAY : NEVER_WENT_DOWN;
        }
    }

    /**
     * The last phase; when back, the Zap's system snapshot after the restart; when not back, why (and the other Zaps
     * that answered at the address meanwhile, by serial).
     */
    public record Outcome(Phase last, Optional<ZapSystem> systemAfter, Optional<NotBack> notBack,
                          List<String> othersSeen) {
        public Outcome {
            othersSeen = List.copyOf(othersSeen);
        }

        public boolean back() {
            return last.kind() == Kind.BACK;
        }
    }

    private final ZapClient zap;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration limit;
    private final Duration pollEvery;

    public ZapRebootWaiter(ZapClient zap) {
        this(zap, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), DEFAULT_LIMIT, DEFAULT_POLL);
    }

    public ZapRebootWaiter(ZapClient zap, Clock clock, Sleeper sleeper, Duration limit, Duration pollEvery) {
        if (limit.isNegative() || pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("limit must be >= 0 and the poll interval > 0");
        }
        this.zap = zap;
        this.clock = clock;
        this.sleeper = sleeper;
        this.limit = limit;
        this.pollEvery = pollEvery;
    }

    /**
     * Reboots the Zap at this client's address if it is the one with {@code expectedSerial} (a person confirmed
     * rebooting that Zap, so another one found at the address is left alone), then waits for it.
     *
     * @param cancelled asked before every step; true ends the wait with {@link Kind#CANCELLED}
     * @param phases    told each phase as it happens, the terminal one included
     */
    public Outcome rebootAndWait(String expectedSerial, BooleanSupplier cancelled, Consumer<Phase> phases) {
        ZapSystem before;
        String serial;
        try {
            before = zap.system();
            serial = zap.identityOrDeviceId(before).serialNumber();
        } catch (ZapException e) {
            return end(phases, Kind.NOT_ASKED, Duration.ZERO, "could not read the Zap before rebooting it: "
                    + e.getMessage());
        }
        if (!serial.equalsIgnoreCase(expectedSerial)) {
            return end(phases, Kind.NOT_ASKED, Duration.ZERO, "another Zap (" + serial + ") answers at "
                    + zap.baseUri() + ", not " + expectedSerial + ": it was not rebooted");
        }
        if (cancelled.getAsBoolean()) {
            return end(phases, Kind.CANCELLED, Duration.ZERO, "cancelled before the reboot was asked");
        }
        try {
            zap.reboot();
        } catch (ZapException e) {
            // A connection dropped after the request went out may be the Zap restarting already: wait and see.
            if (e.kind() != ZapException.Kind.CONNECTION_LOST) {
                return end(phases, Kind.NOT_ASKED, Duration.ZERO, "the Zap did not take the reboot: " + e.getMessage());
            }
        }
        Instant asked = clock.instant();
        phases.accept(new Phase(Kind.ASKED, Duration.ZERO, serial));
        boolean gone = false;
        Set<String> othersSeen = new LinkedHashSet<>();
        while (true) {
            Duration elapsed = Duration.between(asked, clock.instant());
            if (cancelled.getAsBoolean()) {
                return end(phases, Kind.CANCELLED, elapsed, "cancelled while waiting");
            }
            if (elapsed.compareTo(limit) >= 0) {
                NotBack why = NotBack.of(gone, othersSeen);
                Phase last = new Phase(Kind.NOT_BACK, elapsed, whatToCheck(why, othersSeen));
                phases.accept(last);
                return new Outcome(last, Optional.empty(), Optional.of(why), List.copyOf(othersSeen));
            }
            try {
                sleeper.sleep(pollEvery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return end(phases, Kind.CANCELLED, Duration.between(asked, clock.instant()), "interrupted");
            }
            ZapSystem now;
            try {
                now = zap.system();
            } catch (ZapException e) {
                if (!gone) {
                    gone = true;
                    phases.accept(new Phase(Kind.GONE, Duration.between(asked, clock.instant()), e.getMessage()));
                }
                continue;
            }
            // It answers. Restarted if it was seen gone, or if its uptime went back (the poll missed the gap).
            if (!gone && ZapHealth.restartedBetween(before, now) != ZapHealth.Restart.RESTARTED) {
                continue; // not restarted yet: it reboots ~5 s after answering
            }
            String serialNow;
            try {
                serialNow = zap.identityOrDeviceId(now).serialNumber();
            } catch (ZapException e) {
                continue; // half up: ask again at the next step
            }
            Duration at = Duration.between(asked, clock.instant());
            if (serialNow.equalsIgnoreCase(serial)) {
                Phase back = new Phase(Kind.BACK, at, serial);
                phases.accept(back);
                return new Outcome(back, Optional.of(now), Optional.empty(), List.copyOf(othersSeen));
            }
            if (othersSeen.add(serialNow)) {
                phases.accept(new Phase(Kind.OTHER_ZAP, at, serialNow));
            }
        }
    }

    private String whatToCheck(NotBack why, Set<String> others) {
        String within = "not back within " + limit.toSeconds() + " s";
        return switch (why) {
            case ANOTHER_ZAP_ANSWERS -> within + ": another Zap (" + String.join(", ", others) + ") now answers at "
                    + zap.baseUri() + ", so this one probably has a new address; find it by its serial";
            case NEVER_WENT_DOWN -> within + ": it kept answering and did not restart; power it off and on";
            case STAYED_AWAY -> within + ": check that it has power (its LED), its network cable or Wi-Fi, that this "
                    + "computer is on the same network, and whether it got a new address (find it by its serial)";
        };
    }

    private static Outcome end(Consumer<Phase> phases, Kind kind, Duration elapsed, String detail) {
        Phase last = new Phase(kind, elapsed, detail);
        phases.accept(last);
        return new Outcome(last, Optional.empty(), Optional.empty(), List.of());
    }
}
