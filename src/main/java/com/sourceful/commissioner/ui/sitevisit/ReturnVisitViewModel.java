package com.sourceful.commissioner.ui.sitevisit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.visit.VisitComparison;
import com.sourceful.commissioner.visit.VisitComparison.Change;
import com.sourceful.commissioner.visit.VisitComparison.Kind;
import com.sourceful.commissioner.visit.VisitComparison.Tone;

/**
 * What changed since the earlier visit on a Zap, in words: "Since the visit on 3 Nov 2026 (Anna Andersson)", then the
 * changes grouped per device (the Zap's own first), each in its tone. Made from one {@link VisitComparison.Result};
 * immutable.
 */
public final class ReturnVisitViewModel {

    /** One change as shown. */
    public record Line(String text, Tone tone) {
    }

    /** The Zap or one device, and its changes. */
    public record Group(String header, List<Line> lines) {
        public Group {
            lines = List.copyOf(lines);
        }
    }

    private final VisitComparison.Result result;
    private final String date;

    /** @param zone where the technician is: the visit's date is the local one */
    public ReturnVisitViewModel(VisitComparison.Result result, ZoneId zone) {
        this.result = result;
        this.date = DateTimeFormatter.ofPattern(Messages.get("visit.return.date"), Messages.locale())
                .format(result.earlier().startedAt().atZone(zone));
    }

    public VisitComparison.Result result() {
        return result;
    }

    /** "Since the visit on 3 Nov 2026 (Anna Andersson)"; without the technician when the visit did not know them. */
    public String sinceLine() {
        return result.earlier().session().technician().filter(t -> !t.isBlank())
                .map(t -> Messages.get("visit.return.since", date, t))
                .orElseGet(() -> Messages.get("visit.return.sinceNoTechnician", date));
    }

    /** "No changes since 3 Nov 2026."; shown only when nothing changed. */
    public String nothingLine() {
        return Messages.get("visit.return.nothing", date);
    }

    public boolean nothingChanged() {
        return result.nothingChanged();
    }

    /** The notification's title: the Zap was visited before. */
    public String notificationTitle() {
        return Messages.get("visit.return.notify.title", result.zapSerial());
    }

    /** The notification's text: how many changes since when. */
    public String notificationText() {
        if (result.nothingChanged()) {
            return Messages.get("visit.return.notify.nothing", date);
        }
        long found = result.changes().stream().filter(c -> c.kind() != Kind.NOT_CHECKED).count();
        // Not checked is not "no change": an unreachable Zap is said so, not counted as one change.
        return found == 0 ? Messages.get("visit.return.notify.notChecked", date)
                : Messages.get("visit.return.notify.changes", found, date);
    }

    /** A warning when something asks the technician to look (someone else changed the site, something is undone). */
    public Tone tone() {
        return result.changes().stream().anyMatch(c -> c.tone() == Tone.WARNING) ? Tone.WARNING : Tone.INFO;
    }

    /** The Zap's own changes first (firmware, what was not checked), then each device's, in the order found. */
    public List<Group> groups() {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        String zap = "";
        headers.put(zap, Messages.get("visit.overview.zap", result.zapSerial()));
        lines.put(zap, new ArrayList<>());
        for (Change c : result.changes()) {
            headers.putIfAbsent(c.deviceSn(), Messages.get("visit.overview.device", c.deviceName(), c.deviceSn()));
            lines.computeIfAbsent(c.deviceSn(), k -> new ArrayList<>()).add(new Line(text(c), c.tone()));
        }
        List<Group> out = new ArrayList<>();
        lines.forEach((sn, l) -> {
            if (!l.isEmpty()) {
                out.add(new Group(headers.get(sn), l));
            }
        });
        return out;
    }

    /** One change in words; never a secret (the record holds none, and values are config fields without them). */
    static String text(Change c) {
        return switch (c.kind()) {
            case FIRMWARE_CHANGED -> Messages.get("visit.return.firmware", c.before(), c.after());
            case DEVICE_ADDED -> Messages.get("visit.return.added");
            case DEVICE_BACK -> Messages.get("visit.return.back", c.after());
            case DEVICE_REMOVED -> Messages.get("visit.return.removed");
            case DEVICE_RECONFIGURED -> Messages.get("visit.return.reconfigured", c.subject(), c.before(),
                    c.after());
            case PUBLISHING_CHANGED -> Messages.get(Boolean.parseBoolean(c.after()) ? "visit.return.publishingOn"
                    : "visit.return.publishingOff", c.subject());
            case NOVACORE_STATE -> c.before().equals(c.after())
                    ? Messages.get("visit.return.novacoreStill", c.after())
                    : Messages.get("visit.return.novacoreState", c.before().isEmpty() ? "–" : c.before(),
                            c.after().isEmpty() ? "–" : c.after());
            case NOVACORE_GONE -> Messages.get("visit.return.novacoreGone");
            case OUTBOX_NOT_SENT -> Messages.get("visit.return.outboxNotSent",
                    Messages.get("visit.return.outbox." + c.after().toLowerCase(Locale.ROOT)));
            case OUTBOX_GONE -> Messages.get("visit.return.outboxGone");
            case NOT_CHECKED -> notChecked(c);
        };
    }

    private static String notChecked(Change c) {
        return switch (c.subject()) {
            case Kind.ZAP -> Messages.get("visit.return.notChecked.zap", c.after());
            case Kind.PUBLISHING -> Messages.get("visit.return.notChecked.publishing", c.after());
            case Kind.NOVACORE -> Messages.get("visit.return.notChecked.novacore", c.after());
            case Kind.NOVACORE_SIGNED_OUT -> Messages.get("visit.return.notChecked.signedOut");
            default -> Messages.get("visit.return.notChecked.outbox", c.after());
        };
    }

    /** The Zap serial the comparison is about. */
    public String zapSerial() {
        return result.zapSerial();
    }
}
