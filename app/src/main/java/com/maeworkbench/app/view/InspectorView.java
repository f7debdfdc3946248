package com.maeworkbench.app.view;

import com.maeworkbench.app.WorkbenchActions;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** The right-hand column: window/level, mask tools and comparison settings. */
public final class InspectorView extends ScrollPane {

    public InspectorView(WorkbenchActions actions) {
        var state = actions.state();
        TitledPane window = new TitledPane("Window / level", new WindowLevelView(state));
        TitledPane mask = new TitledPane("Mask", new MaskToolsView(state, actions.masks(), actions::loadMask, actions::saveMask));
        TitledPane compare = new TitledPane("Compare", new CompareView(state));
        VBox box = new VBox(window, mask, compare);
        box.getStyleClass().add("inspector");
        setContent(box);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("inspector-scroll");
        setMinWidth(250);
        setPrefWidth(290);
        setMaxWidth(420); // the panels get the rest of any window, whatever divider was remembered
    }
}
