package com.maeworkbench.app.view;

import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.method.RestorationMethod;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.HashMap;
import java.util.Map;

/** Comparison controls: difference heatmap, hold-to-see-original hint, and the A/B split. */
public final class CompareView extends VBox {

    private final WorkbenchState state;
    private final ObservableList<String> panelIds = FXCollections.observableArrayList();
    private final Map<String, String> names = new HashMap<>();

    public CompareView(WorkbenchState state) {
        this.state = state;
        getStyleClass().add("inspector-section");
        setSpacing(6);
        CheckBox diff = new CheckBox("Difference heatmap (D)");
        diff.setId("diff-toggle");
        diff.setSelected(state.viewModeProperty().get() == ViewMode.DIFFERENCE);
        diff.selectedProperty().addListener((o, a, b) -> state.viewModeProperty().set(b ? ViewMode.DIFFERENCE : ViewMode.IMAGE));
        state.viewModeProperty().addListener((o, a, b) -> diff.setSelected(b == ViewMode.DIFFERENCE));
        Label scale = caption(String.format("|method − original|, white-hot at %.0f%% of the display window's width (colour bar above the panels)",
                100 * Renderer.DIFF_WINDOW_SHARE));
        Label hold = caption("Hold Space to show the original in every panel");
        CheckBox uncertainty = new CheckBox("MAE uncertainty (U)");
        uncertainty.setId("uncertainty-toggle");
        uncertainty.selectedProperty().bindBidirectional(state.uncertaintyShownProperty());
        Label guessing = caption("Where the MAE is guessing: its predicted error per pixel, on the difference heatmap's colour "
                + "scale; computed in the background once the panels have settled");
        Label legend = caption("#1 of 7: rank by PSNR inside the mask (peak = the original's dynamic range); ± dB: gap to the "
                + "best classical method. The highlighted panel ranks first. Ranks appear only when every panel has numbers "
                + "for the current mask; until then numbers of an earlier mask are marked stale.");
        legend.setId("rank-legend");

        CheckBox split = new CheckBox("A/B split panel (S)");
        split.selectedProperty().bindBidirectional(state.splitEnabledProperty());
        ChoiceBox<String> a = choice(state.splitAProperty().get());
        ChoiceBox<String> b = choice(state.splitBProperty().get());
        a.valueProperty().bindBidirectional(state.splitAProperty());
        b.valueProperty().bindBidirectional(state.splitBProperty());
        Slider position = new Slider(0, 1, state.splitPositionProperty().get());
        position.setId("split-slider");
        position.valueProperty().bindBidirectional(state.splitPositionProperty());
        // Each choice on its own line, the whole width of the column: method names are long.
        VBox ab = new VBox(2, caption("A (left of the divider)"), a, caption("B (right)"), b);

        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> refreshIds());
        refreshIds();
        getChildren().addAll(legend, diff, scale, uncertainty, guessing, hold, split, ab, position);
    }

    private ChoiceBox<String> choice(String initial) {
        ChoiceBox<String> box = new ChoiceBox<>(panelIds);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : names.getOrDefault(id, id);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        box.setValue(initial);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private void refreshIds() {
        names.clear();
        names.put(WorkbenchState.ORIGINAL, "Original");
        names.put(WorkbenchState.MASKED, "Masked input");
        String a = state.splitAProperty().get(), b = state.splitBProperty().get();
        ObservableList<String> ids = FXCollections.observableArrayList(WorkbenchState.ORIGINAL, WorkbenchState.MASKED);
        for (RestorationMethod m : state.methods()) {
            if (!m.availability().available()) continue;
            names.put(m.id(), m.displayName());
            ids.add(m.id());
        }
        panelIds.setAll(ids);
        state.splitAProperty().set(a);
        state.splitBProperty().set(b);
    }
}
