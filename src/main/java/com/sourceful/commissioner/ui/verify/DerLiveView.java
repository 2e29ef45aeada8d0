package com.sourceful.commissioner.ui.verify;

import java.util.Optional;
import java.util.OptionalDouble;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.chart.XYChart;

import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.zap.Der;

/** One DER on the Verify step: its power series, its latest values as text, and whether it should publish. */
public final class DerLiveView {

    /** Points kept per series; five minutes at one reading a second. */
    static final int MAX_POINTS = 300;

    private final Der der;
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final StringProperty values = new SimpleStringProperty("");
    private final BooleanProperty publish = new SimpleBooleanProperty();
    private final StringProperty ratedPower = new SimpleStringProperty("");
    private final StringProperty installedPower = new SimpleStringProperty("");
    private final StringProperty capacity = new SimpleStringProperty("");
    private final StringBinding metadataProblem;

    DerLiveView(Der der, boolean proposePublishing) {
        this.der = der;
        this.series.setName(label());
        this.publish.set(der.enabled() || proposePublishing);
        ratedPower.set(text(der.ratedPowerW()));
        installedPower.set(text(der.installedPowerW()));
        capacity.set(text(der.capacityWh()));
        metadataProblem = Bindings.createStringBinding(() -> problem(ratedPower.get(), "der.meta.ratedPower")
                .or(() -> problem(installedPower.get(), "der.meta.installedPower"))
                .or(() -> problem(capacity.get(), "der.meta.capacity")).orElse(""),
                ratedPower, installedPower, capacity);
    }

    /** Metadata (W, Wh) is a whole number from 0 to 10 MW / 10 MWh, or blank for "not set". */
    private static Optional<String> problem(String text, String fieldKey) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(t);
            if (v >= 0 && v <= MAX_METADATA) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        return Optional.of(Messages.get("der.meta.problem", Messages.get(fieldKey), MAX_METADATA));
    }

    static final long MAX_METADATA = 10_000_000;

    private static String text(OptionalDouble v) {
        return v.isPresent() ? String.valueOf(Math.round(v.getAsDouble())) : "";
    }

    private static OptionalDouble number(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Long.parseLong(t));
    }

    /** Which metadata fields make sense for this DER: a meter has no rated power; installed power is PV's, capacity storage's. */
    public boolean hasRatedPower() {
        return !der.type().equals("meter");
    }

    public boolean hasInstalledPower() {
        return der.type().equals("pv");
    }

    public boolean hasCapacity() {
        return der.type().equals("battery") || der.type().equals("v2x_charger");
    }

    /** The DER as the technician set it, if its metadata differs from what the Zap has; for POST .../ders. */
    Optional<Der> changedMetadata() {
        Der edited = new Der(der.type(), publish.get(), number(ratedPower.get()),
                hasInstalledPower() ? number(installedPower.get()) : der.installedPowerW(),
                hasCapacity() ? number(capacity.get()) : der.capacityWh());
        boolean same = edited.ratedPowerW().equals(der.ratedPowerW()) && edited.installedPowerW().equals(der.installedPowerW())
                && edited.capacityWh().equals(der.capacityWh());
        return same ? Optional.empty() : Optional.of(edited);
    }

    public StringProperty ratedPowerProperty() {
        return ratedPower;
    }

    public StringProperty installedPowerProperty() {
        return installedPower;
    }

    public StringProperty capacityProperty() {
        return capacity;
    }

    public StringBinding metadataProblemProperty() {
        return metadataProblem;
    }

    public String type() {
        return der.type();
    }

    public boolean enabledOnZap() {
        return der.enabled();
    }

    /** The DER's name with what its sign means, e.g. "PV (W, − = generating)". */
    public String label() {
        String key = "der." + der.type();
        String name = Messages.get(key);
        return name.startsWith("!") ? der.type() : name;
    }

    void addPoint(double seconds, double watts) {
        series.getData().add(new XYChart.Data<>(seconds, watts / 1000.0));
        if (series.getData().size() > MAX_POINTS) {
            series.getData().remove(0, series.getData().size() - MAX_POINTS);
        }
    }

    public XYChart.Series<Number, Number> series() {
        return series;
    }

    public StringProperty valuesProperty() {
        return values;
    }

    public BooleanProperty publishProperty() {
        return publish;
    }
}
