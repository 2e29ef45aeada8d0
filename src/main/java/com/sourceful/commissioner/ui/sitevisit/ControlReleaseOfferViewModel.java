package com.sourceful.commissioner.ui.sitevisit;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before the resume offer: control of a device that an earlier run took during a control check and never
 * saw given back (the app was killed, or the Zap did not answer the release). The offer says which device on which Zap
 * since when, and releases all on one click; what could not be released stays offered, with why.
 */
public final class ControlReleaseOfferViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ControlReleaseOfferViewModel.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A hold found in the visit {@code visitId}; {@code deviceName} as the visit knew the device. */
    public record Held(String visitId, String deviceName, ControlHold hold) {
    }

    /** Where holds are kept and how they are released; called off the JavaFX thread. */
    public interface Holds {
        List<Held> held() throws IOException;

        /** Releases it and, when the Zap accepted, forgets it; returns what failed, empty when released. */
        Optional<String> release(Held held) throws IOException;
    }

    /** What a release left: the holds still offered and why each failed. */
    private record Released(List<Held> left, List<String> why) {
    }

    private final Tasks tasks;
    private final Holds holds;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper releasing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper allReleased = new ReadOnlyBooleanWrapper(false);
    private List<Held> offered = List.of();

    public ControlReleaseOfferViewModel(Tasks tasks, Holds holds, ZoneId zone) {
        this.tasks = tasks;
        this.holds = holds;
        this.zone = zone;
    }

    /**
     * Looks for holds in the background; {@code offer} runs (UI thread) when there are any, else {@code none} does
     * (also when the visits cannot be read: that is logged, and the start goes on).
     */
    public void check(Runnable offer, Runnable none) {
        tasks.job(holds::held).onSuccess(found -> {
            if (found.isEmpty()) {
                none.run();
                return;
            }
            offered = List.copyOf(found);
            text.set(describe(offered));
            offer.run();
        }).onFailure(e -> {
            LOG.warn("Saved visits could not be read for held control: {}", e.getClass().getName());
            none.run();
        }).start();
    }

    private String describe(List<Held> held) {
        List<String> lines = new ArrayList<>();
        for (Held h : held) {
            // A device the visit knows only by its serial is named once, not "SG01 (SG01)".
            String sn = h.hold().deviceSn();
            String device = h.deviceName().isBlank() || h.deviceName().equals(sn) ? sn
                    : h.deviceName() + " (" + sn + ")";
            lines.add(Messages.get("control.held.line", device, h.hold().zapSerial(), h.hold().zapUri().getAuthority(),
                    WHEN.format(h.hold().since().atZone(zone))));
        }
        return String.join("\n", lines);
    }

    /** Releases every device offered, in the background; those that fail stay offered and the problem says why. */
    public void release() {
        if (releasing.get() || offered.isEmpty()) {
            return;
        }
        releasing.set(true);
        problem.set("");
        List<Held> toRelease = offered;
        tasks.job(() -> {
            List<Held> left = new ArrayList<>();
            List<String> why = new ArrayList<>();
            for (Held h : toRelease) {
                try {
                    Optional<String> failed = holds.release(h);
                    if (failed.isPresent()) {
                        left.add(h);
                        why.add(Messages.get("control.held.failed", h.deviceName(), h.hold().zapSerial(),
                                failed.get()));
                    }
                } catch (IOException e) {
                    // Released, but the visit still names the hold: it is offered again (a second release is harmless).
                    why.add(Messages.get("control.held.notForgotten", h.deviceName(), ErrorMessages.of(e)));
                }
            }
            return new Released(left, why);
        }).andFinally(() -> releasing.set(false)).onSuccess(r -> {
            List<Held> left = r.left();
            offered = List.copyOf(left);
            if (left.isEmpty()) {
                text.set("");
                allReleased.set(true);
            } else {
                text.set(describe(left));
            }
            problem.set(String.join("\n", r.why()));
        }).onFailure(e -> problem.set(ErrorMessages.of(e))).start();
    }

    /** One line per held device: which device on which Zap at which address, since when. */
    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public ReadOnlyBooleanProperty releasingProperty() {
        return releasing;
    }

    /** Every device offered is released. */
    public ReadOnlyBooleanProperty allReleasedProperty() {
        return allReleased;
    }

    public List<Held> offered() {
        return offered;
    }
}
