package com.sourceful.commissioner.ui.verify;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.NamedArg;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

/**
 * A line chart that lifts the pen where the readings broke off: a point whose extra value is {@link #AFTER_GAP} gets
 * no line from the point before it. JavaFX draws a series as one unbroken line and has no NaN gaps; splitting a DER
 * into several series would give it several legend entries and colours.
 */
public final class GapLineChart extends LineChart<Number, Number> {

    /** A point's extra value: the readings broke off just before it. */
    public static final Object AFTER_GAP = new Object() {
        @Override
        public String toString() {
            return "after a gap";
        }
    };

    /** Width in pixels of the mark for a reading with a gap on both sides. */
    private static final double LONE_MARK = 4;

    public GapLineChart(@NamedArg("xAxis") Axis<Number> xAxis, @NamedArg("yAxis") Axis<Number> yAxis) {
        super(xAxis, yAxis);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        for (Series<Number, Number> series : getData()) {
            if (series.getNode() instanceof Path path
                    && series.getData().stream().anyMatch(d -> d.getExtraValue() == AFTER_GAP)) {
                List<Data<Number, Number>> data = series.getData();
                List<PathElement> elements = new ArrayList<>(data.size() + 2);
                for (int i = 0; i < data.size(); i++) {
                    double x = getXAxis().getDisplayPosition(data.get(i).getXValue());
                    double y = getYAxis().getDisplayPosition(data.get(i).getYValue());
                    boolean starts = i == 0 || data.get(i).getExtraValue() == AFTER_GAP;
                    boolean alone = starts && (i + 1 == data.size() || data.get(i + 1).getExtraValue() == AFTER_GAP);
                    if (alone) {
                        // A reading between two gaps: a short mark, as a lone point of a line would not show.
                        elements.add(new MoveTo(x - LONE_MARK / 2, y));
                        elements.add(new LineTo(x + LONE_MARK / 2, y));
                    } else {
                        elements.add(starts ? new MoveTo(x, y) : new LineTo(x, y));
                    }
                }
                path.getElements().setAll(elements);
            }
        }
    }
}
