package com.maeworkbench.app.view;

import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.state.WorkbenchState;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Mask settings: brush size, random generators and their parameters, opacity and the patch grid. */
public final class MaskToolsView extends VBox {

    public MaskToolsView(WorkbenchState state, MaskController masks, Runnable loadMask, Runnable saveMask) {
        getStyleClass().add("inspector-section");
        setSpacing(6);

        Slider brush = new Slider(1, 64, state.brushRadiusProperty().get());
        brush.setId("brush-size");
        brush.valueProperty().bindBidirectional(state.brushRadiusProperty());
        Label brushLabel = new Label();
        brushLabel.textProperty().bind(Bindings.format("Brush radius %.0f px  ([ ])", state.brushRadiusProperty()));

        Slider ratio = new Slider(0.05, 0.95, state.randomRatioProperty().get());
        ratio.valueProperty().bindBidirectional(state.randomRatioProperty());
        Label ratioLabel = new Label();
        ratioLabel.textProperty().bind(Bindings.format("Ratio %.0f%%", state.randomRatioProperty().multiply(100)));
        Spinner<Integer> size = new Spinner<>(1, 256, state.randomPatchSizeProperty().get());
        size.getValueFactory().valueProperty().addListener((o, a, b) -> state.randomPatchSizeProperty().set(b));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, state.randomSeedProperty().get());
        seed.setEditable(true);
        seed.getValueFactory().valueProperty().addListener((o, a, b) -> state.randomSeedProperty().set(b));
        Spinner<Integer> strokes = new Spinner<>(1, 64, state.strokeCountProperty().get());
        strokes.getValueFactory().valueProperty().addListener((o, a, b) -> state.strokeCountProperty().set(b));
        for (Spinner<Integer> s : java.util.List.of(size, seed, strokes)) s.setPrefWidth(90);

        GridPane params = new GridPane();
        params.setHgap(6);
        params.setVgap(4);
        params.addRow(0, new Label("Patch size"), size);
        params.addRow(1, new Label("Seed"), seed);
        params.addRow(2, new Label("Strokes"), strokes);

        Button patches = Icons.decorate(new Button("Patches"), "mdi2d-dice-5", "Random patches at the ratio, size and seed (P)");
        patches.setId("random-patches");
        patches.setOnAction(e -> masks.randomPatches());
        Button strokeButton = Icons.decorate(new Button("Strokes"), "mdi2g-gesture", "Random strokes with the seed (K)");
        strokeButton.setOnAction(e -> masks.randomStrokes());
        Button clear = Icons.decorate(new Button(), "mdi2d-delete-outline", "Clear the mask (Delete)");
        clear.setOnAction(e -> masks.clear());
        Button invert = Icons.decorate(new Button(), "mdi2i-invert-colors", "Invert the mask (I)");
        invert.setOnAction(e -> masks.invert());
        Button load = Icons.decorate(new Button(), "mdi2f-folder-open", "Load a mask PNG");
        load.setOnAction(e -> loadMask.run());
        Button save = Icons.decorate(new Button(), "mdi2c-content-save", "Save the mask as PNG");
        save.setOnAction(e -> saveMask.run());

        Slider opacity = new Slider(0, 1, state.maskOpacityProperty().get());
        opacity.valueProperty().bindBidirectional(state.maskOpacityProperty());
        Label opacityLabel = new Label();
        opacityLabel.textProperty().bind(Bindings.format("Mask opacity %.0f%%", state.maskOpacityProperty().multiply(100)));
        CheckBox grid = new CheckBox();
        grid.textProperty().bind(Bindings.format("Patch grid (%d px, G)", state.patchSizeProperty()));
        grid.selectedProperty().bindBidirectional(state.gridVisibleProperty());

        // Only for the slices of a multi-frame DICOM file or a folder's series.
        CheckBox perSlice = new CheckBox("One mask per slice");
        perSlice.setId("mask-per-slice");
        perSlice.selectedProperty().bindBidirectional(state.maskPerSliceProperty());
        perSlice.setTooltip(new Tooltip("""
                Off: every slice shows the same mask, with one undo history.
                On: each slice keeps its own mask and undo history; a slice not edited yet shows the shared mask.
                Patches and strokes then change the slice shown only, with the seed plus the slice index (0-based),
                so each slice gets its own pattern. Turning it off shows the shared mask again; the slices' own
                masks are kept until another image is opened."""));
        perSlice.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> state.getSliceStack() != null && state.getSliceStack().size() > 1, state.sliceStackProperty()));
        perSlice.managedProperty().bind(perSlice.visibleProperty());

        getChildren().addAll(perSlice, brushLabel, brush, ratioLabel, ratio, params, new HBox(6, patches, strokeButton),
                new HBox(6, clear, invert, load, save), opacityLabel, opacity, grid);
    }
}
