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
 * image the largest on-screen size for the image's aspect ratio, counting the height the headers need at
 * that width (their facts wrap), and never a width at which a header fact would be cut.
 */
public final class PanelGrid extends Pane {

    private static final double GAP = 6;
    public static final String UNCERTAINTY_TITLE = "MAE uncertainty";

    private final WorkbenchState state;
    private final PanelImages images;
    private final MaskController masks;
    private final Runnable showImageInfo;
    // The header height in use grows when new text needs it but does not shrink until the layout changes,
    // so numbers that change width mid-drag cannot make the images jump.
    private double reservedHeader;
    private String reservedFor = "";

    /** {@code showImageInfo}: the Original panel's info button (none when null). */
    public PanelGrid(WorkbenchState state, PanelImages images, MaskController masks, Runnable showImageInfo) {
        this.state = state;
        this.images = images;
        this.masks = masks;
        this.showImageInfo = showImageInfo;
        getStyleClass().add("panel-grid");
        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> rebuild());
        state.splitEnabledProperty().addListener((o, a, b) -> rebuild());
        state.uncertaintyShownProperty().addListener((o, a, b) -> rebuild());
        state.imageProperty().addListener((o, a, b) -> requestLayout());
        rebuild();
    }

    private void rebuild() {
        getChildren().forEach(n -> ((ImagePanel) n).dispose());
        List<Node> panels = new ArrayList<>();
        if (state.splitEnabledProperty().get()) panels.add(panel(ImagePanel.SPLIT, "A/B split"));
        panels.add(panel(WorkbenchState.ORIGINAL, "Original"));
        panels.add(panel(WorkbenchState.MASKED, "Masked input"));
        for (RestorationMethod m : state.methods()) {
            // The MAE panel stays even without a model, to say why; unavailable baselines are left out.
            if (m.availability().available() || m instanceof MaeMethod) panels.add(panel(m.id(), m.displayName()));
            if (m instanceof MaeMethod && state.uncertaintyShownProperty().get()) panels.add(panel(WorkbenchState.UNCERTAINTY, UNCERTAINTY_TITLE));
        }
        getChildren().setAll(panels);
    }

    private ImagePanel panel(String id, String title) {
        ImagePanel p = new ImagePanel(id, title, state, images, masks, this::displayName);
        if (WorkbenchState.ORIGINAL.equals(id) && showImageInfo != null) p.addInfoButton(showImageInfo);
        return p;
    }

    /** A panel id's human name (the split panel's choices name their panels with it). */
    public String displayName(String id) {
        if (WorkbenchState.ORIGINAL.equals(id)) return "Original";
        if (WorkbenchState.MASKED.equals(id)) return "Masked input";
        if (WorkbenchState.UNCERTAINTY.equals(id)) return UNCERTAINTY_TITLE;
        return state.methods().stream().filter(m -> m.id().equals(id)).map(RestorationMethod::displayName).findFirst().orElse(id);
    }

    /** The zoom the panels currently draw with (the fit zoom while fitting). */
    public double effectiveZoom() {
        return getChildren().isEmpty() ? state.zoomProperty().get() : ((ImagePanel) getChildren().get(0)).effectiveZoom();
    }

    public List<ImagePanel> panels() {
        return getChildren().stream().map(n -> (ImagePanel) n).toList();
    }

    public Optional<ImagePanel> panel(String id) {
        return panels().stream().filter(p -> p.panelId().equals(id)).findFirst();
    }

    @Override
    protected void layoutChildren() {
        List<ImagePanel> panels = panels();
        int n = panels.size();
        if (n == 0) return;
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        FloatImage img = state.getImage();
        double aspect = img == null ? 1 : img.width() / (double) img.height();
        double minWidth = panels.stream().mapToDouble(ImagePanel::headerMinWidth).max().orElse(0);
        int bestCols = 1;
        double bestScale = -1;
        for (int cols = 1; cols <= n; cols++) {
            double cw = cellWidth(w, cols);
            if (cols > 1 && cw < minWidth) break; // narrower cells would cut header text
            int rows = (n + cols - 1) / cols;
            double ch = (h - GAP * (rows - 1)) / rows - headerHeight(panels, cw);
            double scale = Math.min(cw / aspect, ch);
            if (scale > bestScale) {
                bestScale = scale;
                bestCols = cols;
            }
        }
        int rows = (n + bestCols - 1) / bestCols;
        double cw = cellWidth(w, bestCols), ch = (h - GAP * (rows - 1)) / rows;
        String layout = n + "@" + bestCols + "x" + Math.round(cw);
        double header = headerHeight(panels, cw);
        reservedHeader = layout.equals(reservedFor) ? Math.max(reservedHeader, header) : header;
        reservedFor = layout;
        for (int i = 0; i < n; i++) {
            ImagePanel p = panels.get(i);
            p.setHeaderHeight(reservedHeader);
            int r = i / bestCols, c = i % bestCols;
            p.resizeRelocate(snappedLeftInset() + c * (cw + GAP), snappedTopInset() + r * (ch + GAP), Math.max(0, cw), Math.max(0, ch));
        }
    }

    private static double cellWidth(double w, int cols) {
        return (w - GAP * (cols - 1)) / cols;
    }

    private static double headerHeight(List<ImagePanel> panels, double width) {
        double h = 0;
        for (ImagePanel p : panels) h = Math.max(h, p.headerHeight(width));
        return Math.ceil(h);
    }
}
