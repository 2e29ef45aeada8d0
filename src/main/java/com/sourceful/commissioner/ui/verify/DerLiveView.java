package com.sourceful.commissioner.ui.verify;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.zap.Der;

/** One DER on the Verify step: its power series, its latest values, its metadata, and whether it should publish. */
public final class DerLiveView {

    static final long MAX_METADATA = 10_000_000;

    private final Der der;
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final ObservableList<LiveValues.Tile> tiles = FXCollections.observableArrayList();
    private final StringProperty values = new SimpleStringProperty("");
    private final BooleanProperty publish = new SimpleBooleanProperty();
    private final BooleanProperty hasWarning = new SimpleBooleanProperty();
    private final StringProperty ratedPower = new SimpleStringProperty("");
    private final StringProperty installedPower = new SimpleStringProperty("");
    private final StringProperty capacity = new SimpleStringProperty("");
    private final StringBinding metadataProblem;
    /** The technician chose; proposals from the data no longer change the switch. */
    private boolean touched;
    private boolean proposing;

    DerLiveView(Der der) {
        this.der = der;
        this.series.setName(label() + "  " + Messages.get("der.sign." + der.type()));
        this.publish.set(der.enabled());
        this.publish.addListener((o, a, b) -> touched |= !proposing);
        ratedPower.set(text(der.ratedPowerW()));
        installedPower.set(text(der.installedPowerW()));
        capacity.set(text(der.capacityWh()));
        metadataProblem = Bindings.createStringBinding(() -> problem(ratedPower.get(), "der.meta.ratedPower")
                .or(() -> problem(installedPower.get(), "der.meta.installedPower"))
                .or(() -> problem(capacity.get(), "der.meta.capacity")).orElse(""),
                ratedPower, installedPower, capacity);
    }

    public String type() {
        return der.type();
    }

    public boolean enabledOnZap() {
        return der.enabled();
    }

    /** The DER's name, e.g. "PV". */
    public String label() {
        return Messages.getOr("der." + der.type(), der.type());
    }

    /** Publishing as the data suggests, unless the technician already chose or the Zap already publishes it. */
    void propose(boolean plausible) {
        if (touched || der.enabled()) {
            return;
        }
        proposing = true;
        publish.set(plausible);
        proposing = false;
    }

    void showPoints(List<XYChart.Data<Number, Number>> points) {
        series.getData().setAll(points);
    }

    void showValues(List<LiveValues.Tile> latest) {
        tiles.setAll(latest);
        values.set(String.join("  ·  ", latest.stream().map(t -> t.label() + " " + t.text()).toList()));
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

    private static String text(OptionalDouble v) {
        return v.isPresent() ? String.valueOf(Math.round(v.getAsDouble())) : "";
    }

    private static OptionalDouble number(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Long.parseLong(t));
    }

    /** A meter has no rated power; installed power is PV's, capacity storage's. */
    public boolean hasRatedPower() {
        return !der.type().equals("meter");
    }

    public boolean hasInstalledPower() {
        return der.type().equals("pv");
    }

    public boolean hasCapacity() {
        return der.type().equals("battery") || der.type().equals("v2x_charger");
    }

    /** The rated power the technician typed or the Zap knows, for the plausibility checks. */
    OptionalDouble ratedPowerW() {
        return metadataProblem.get().isEmpty() ? number(ratedPower.get()) : der.ratedPowerW();
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

    public XYChart.Series<Number, Number> series() {
        return series;
    }

    public ObservableList<LiveValues.Tile> tiles() {
        return tiles;
    }

    public StringProperty valuesProperty() {
        return values;
    }

    public BooleanProperty publishProperty() {
        return publish;
    }

    public BooleanProperty hasWarningProperty() {
        return hasWarning;
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
}
