package com.maeworkbench.app.view;

import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.method.RestorationMethod;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All panels in a grid that reflows with the window: it picks the column count that gives each panel's
 * image the largest on-screen size for the image's aspect ratio.
 */
public final class PanelGrid extends Pane {

    private static final double GAP = 6, HEADER = 40;

    private final WorkbenchState state;
    private final PanelImages images;
    private final MaskController masks;

    public PanelGrid(WorkbenchState state, PanelImages images, MaskController masks) {
        this.state = state;
        this.images = images;
        this.masks = masks;
        getStyleClass().add("panel-grid");
        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> rebuild());
        state.splitEnabledProperty().addListener((o, a, b) -> rebuild());
        state.imageProperty().addListener((o, a, b) -> requestLayout());
        rebuild();
    }

    private void rebuild() {
        getChildren().forEach(n -> ((ImagePanel) n).dispose());
        List<Node> panels = new ArrayList<>();
        if (state.splitEnabledProperty().get()) panels.add(new ImagePanel(ImagePanel.SPLIT, "A/B split", state, images, masks));
        panels.add(new ImagePanel(WorkbenchState.ORIGINAL, "Original", state, images, masks));
        panels.add(new ImagePanel(WorkbenchState.MASKED, "Masked input", state, images, masks));
        for (RestorationMethod m : state.methods()) {
            // The MAE panel stays even without a model, to say why; unavailable baselines are left out.
            if (m.availability().available() || m instanceof MaeMethod) {
                panels.add(new ImagePanel(m.id(), m.displayName(), state, images, masks));
            }
        }
        getChildren().setAll(panels);
    }

    /** The zoom the panels currently draw with (the fit zoom while fitting). */
    public double effectiveZoom() {
        return getChildren().isEmpty() ? state.zoomProperty().get() : ((ImagePanel) getChildren().get(0)).effectiveZoom();
    }

    public List<ImagePanel> panels() {
        return getChildren().stream().map(n -> (ImagePanel) n).toList();
    }

    PanelImages images() {
        return images;
    }

    public Optional<ImagePanel> panel(String id) {
        return getChildren().stream().map(n -> (ImagePanel) n).filter(p -> p.panelId().equals(id)).findFirst();
    }

    @Override
    protected void layoutChildren() {
        int n = getChildren().size();
        if (n == 0) return;
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        FloatImage img = state.getImage();
        double aspect = img == null ? 1 : img.width() / (double) img.height();
        int bestCols = 1;
        double bestScale = -1;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double cw = (w - GAP * (cols - 1)) / cols, ch = (h - GAP * (rows - 1)) / rows - HEADER;
            double scale = Math.min(cw / aspect, ch);
            if (scale > bestScale) {
                bestScale = scale;
                bestCols = cols;
            }
        }
        int rows = (n + bestCols - 1) / bestCols;
        double cw = (w - GAP * (bestCols - 1)) / bestCols, ch = (h - GAP * (rows - 1)) / rows;
        for (int i = 0; i < n; i++) {
            Node child = getChildren().get(i);
            int r = i / bestCols, c = i % bestCols;
            child.resizeRelocate(snappedLeftInset() + c * (cw + GAP), snappedTopInset() + r * (ch + GAP), Math.max(0, cw), Math.max(0, ch));
        }
    }
}
