package com.maeworkbench.app.view;

import com.maeworkbench.app.state.WorkbenchState;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/**
 * The heatmaps' colour bar: "0", the renderer's ramp, and its top in the image's units (following window/level).
 * The difference heatmap and the uncertainty map share it, so a predicted and a real error read alike.
 */
final class HeatScale extends HBox {

    private final Rectangle ramp;

    HeatScale(WorkbenchState state, String top) {
        super(6);
        getStyleClass().add("heat-scale");
        setAlignment(Pos.CENTER_LEFT);
        setMinWidth(USE_PREF_SIZE);
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            int argb = Renderer.heat(Math.min(255, i * 16));
            stops.add(new Stop(i / 16.0, Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF)));
        }
        ramp = new Rectangle(160, 10, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        ramp.getStyleClass().add("heat-ramp");
        Label full = new Label();
        full.setId(top);
        full.setMinWidth(USE_PREF_SIZE);
        full.textProperty().bind(Bindings.createStringBinding(() -> DifferenceScaleView.fullScale(state), state.windowProperty(), state.imageProperty()));
        Label zero = new Label("0");
        zero.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(zero, ramp, full);
    }

    /** The ramp's size (the presentation scales it with the screen). */
    DoubleProperty rampWidthProperty() {
        return ramp.widthProperty();
    }

    DoubleProperty rampHeightProperty() {
        return ramp.heightProperty();
    }
}
