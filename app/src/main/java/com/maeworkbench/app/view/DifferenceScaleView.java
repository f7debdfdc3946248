package com.maeworkbench.app.view;

import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

/**
 * The difference heatmap's colour bar and scale in the image's units, above the panels while the heatmap
 * is shown: the ramp is the renderer's own, and its top follows the display window.
 */
public final class DifferenceScaleView extends FlowPane {

    public DifferenceScaleView(WorkbenchState state) {
        super(10, 2);
        getStyleClass().add("difference-scale");
        setId("difference-scale");
        setAlignment(Pos.CENTER_LEFT);
        HeatScale bar = new HeatScale(state, "difference-full-scale");
        Label what = new Label("Difference heatmap |method − original|");
        Label how = new Label(String.format("white-hot at %.0f%% of the display window's width; follows window/level", 100 * Renderer.DIFF_WINDOW_SHARE));
        how.getStyleClass().add("caption");
        getChildren().addAll(what, bar, how);
        visibleProperty().bind(state.viewModeProperty().isEqualTo(ViewMode.DIFFERENCE).and(state.imageProperty().isNotNull()));
        managedProperty().bind(visibleProperty());
    }

    /** The difference drawn white-hot, in the image's raw units (HU for CT, levels for 8-bit pictures). */
    static String fullScale(WorkbenchState state) {
        FloatImage img = state.getImage();
        return img == null ? "" : "≥ " + Format.amount(img, Renderer.differenceFullScale(state.windowProperty().get()));
    }
}
