package com.sourceful.commissioner.zap;

import java.util.List;

/** A Zap's health: its facts in a fixed order (firmware, uptime, heap, temperature, internet, devices). */
public record HealthReport(List<HealthLine> lines) {

    public HealthReport {
        lines = List.copyOf(lines);
    }

    /** The worst verdict of any line: one warning makes the Zap's health a warning. */
    public HealthLine.Verdict verdict() {
        HealthLine.Verdict worst = HealthLine.Verdict.OK;
        for (HealthLine l : lines) {
            if (l.verdict().compareTo(worst) > 0) {
                worst = l.verdict();
            }
        }
        return worst;
    }

    public List<HealthLine> warnings() {
        return lines.stream().filter(l -> l.verdict() == HealthLine.Verdict.WARNING).toList();
    }
}
