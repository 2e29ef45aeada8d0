package com.sourceful.commissioner.ui.verify;

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

    DerLiveView(Der der, boolean proposePublishing) {
        this.der = der;
        this.series.setName(label());
        this.publish.set(der.enabled() || proposePublishing);
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
