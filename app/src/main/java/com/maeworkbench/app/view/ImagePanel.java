package com.maeworkbench.app.view;

import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.state.MaskChange;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * One labelled image panel: a title, the method's numbers, and a {@link Viewport} that shares zoom, pan,
 * mask tools and the patch grid with every other panel. The split panel ({@link #SPLIT}) shows panel A
 * left of the divider and panel B right of it.
 */
public final class ImagePanel extends VBox {

    public static final String SPLIT = "split";
    private static final PseudoClass BEST = PseudoClass.getPseudoClass("best");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final String id;
    private final String title;
    private final WorkbenchState state;
    private final PanelImages images;
    private final Label metrics = new Label();
    private final ImageView base = new ImageView();
    private final ImageView top = new ImageView();
    private final Line divider = new Line();
    private final Viewport viewport;
    private final InvalidationListener refresh = this::refresh;
    private final MapChangeListener<String, MethodResult> resultListener = c -> refreshMetrics();
    // The mask share is counted once per gesture, not on every drag step.
    private final javafx.beans.value.ChangeListener<MaskChange> maskListener = (o, a, c) -> {
        if (!c.preview()) refreshMetrics();
    };

    public ImagePanel(String id, String title, WorkbenchState state, PanelImages images, MaskController masks) {
        this.id = id;
        this.title = title;
        this.state = state;
        this.images = images;
        getStyleClass().add("image-panel");
        setId("panel-" + id);
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("panel-title");
        metrics.getStyleClass().add("panel-metrics");
        metrics.setId("metrics-" + id);
        VBox header = new VBox(0, titleLabel, metrics);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("panel-header");

        ImageView overlay = new ImageView();
        if (WorkbenchState.MASKED.equals(id)) {
            overlay.imageProperty().bind(images.overlay().imageProperty());
            overlay.opacityProperty().bind(state.maskOpacityProperty());
            overlay.visibleProperty().bind(state.showOriginalProperty().not());
        }
        divider.getStyleClass().add("split-divider");
        divider.setVisible(SPLIT.equals(id));
        viewport = new Viewport(state, masks, base, overlay, top, divider, this::valueAt, images.perf());
        VBox.setVgrow(viewport, Priority.ALWAYS);
        getChildren().addAll(header, viewport);

        // Weak-free listeners removed in dispose(): panels are rebuilt when methods or the split change.
        for (Observable o : new Observable[]{state.showOriginalProperty(), state.splitAProperty(), state.splitBProperty(),
                state.bestMethodProperty(), state.imageProperty(), state.modelErrorProperty()}) {
            o.addListener(refresh);
        }
        state.results().addListener(resultListener);
        if (WorkbenchState.MASKED.equals(id)) state.maskChangeProperty().addListener(maskListener);
        refresh(null);
    }

    public String panelId() {
        return id;
    }

    /** Detaches from the state before the panel is thrown away. */
    public void dispose() {
        for (Observable o : new Observable[]{state.showOriginalProperty(), state.splitAProperty(), state.splitBProperty(),
                state.bestMethodProperty(), state.imageProperty(), state.modelErrorProperty()}) {
            o.removeListener(refresh);
        }
        state.results().removeListener(resultListener);
        state.maskChangeProperty().removeListener(maskListener);
        viewport.dispose();
        base.imageProperty().unbind();
        top.imageProperty().unbind();
    }

    private void refresh(Observable ignored) {
        boolean original = state.showOriginalProperty().get();
        String a = SPLIT.equals(id) ? state.splitAProperty().get() : id;
        bind(base, original ? images.original() : images.forPanel(a));
        if (SPLIT.equals(id)) {
            bind(top, original ? images.original() : images.forPanel(state.splitBProperty().get()));
        }
        top.setVisible(SPLIT.equals(id));
        pseudoClassStateChanged(BEST, id.equals(state.bestMethodProperty().get()));
        refreshMetrics();
    }

    private static void bind(ImageView view, RenderedImage source) {
        view.imageProperty().unbind();
        view.imageProperty().bind(source.imageProperty());
    }

    private void refreshMetrics() {
        FloatImage img = state.getImage();
        MethodResult r = state.results().get(id);
        pseudoClassStateChanged(FAILED, r != null && r.error() != null);
        pseudoClassStateChanged(STALE, r != null && r.error() == null && r.metrics() == null);
        pseudoClassStateChanged(BEST, id.equals(state.bestMethodProperty().get()));
        if (img == null) {
            metrics.setText("");
        } else if (WorkbenchState.ORIGINAL.equals(id)) {
            metrics.setText(img.width() + "×" + img.height() + " · " + img.bitDepth() + "-bit" + (img.channels() == 3 ? " RGB" : ""));
        } else if (WorkbenchState.MASKED.equals(id)) {
            metrics.setText(state.getMask() == null ? "" : String.format("mask %.1f%%", 100 * state.getMask().ratio()));
        } else if (SPLIT.equals(id)) {
            metrics.setText("A ◀ ▶ B");
        } else if (r == null && "mae".equals(id) && state.modelErrorProperty().get() != null) {
            metrics.setText("no model — Model ▸ Choose model…");
            Tooltip.install(metrics, new Tooltip(state.modelErrorProperty().get()));
        } else if (r == null) {
            metrics.setText("computing…");
        } else if (r.error() != null) {
            metrics.setText("failed: " + r.error());
        } else if (r.metrics() != null) {
            metrics.setText(Format.metrics(r.metrics()));
        } // stale: keep the previous numbers, greyed by CSS, until the new ones arrive
    }

    /** The displayed image's value at a pixel, for the readout (the original when the panel has none yet). */
    private FloatImage valueAt() {
        if (state.showOriginalProperty().get() || WorkbenchState.ORIGINAL.equals(id) || WorkbenchState.MASKED.equals(id)) {
            return state.getImage();
        }
        String key = SPLIT.equals(id) ? state.splitBProperty().get() : id;
        MethodResult r = state.results().get(key);
        return r == null || r.image() == null ? state.getImage() : r.image();
    }

    Image shownImage() {
        return base.getImage();
    }

    String title() {
        return title;
    }

    String metricsText() {
        return metrics.getText();
    }

    double effectiveZoom() {
        return viewport.effectiveZoom();
    }

    /** Screen point (in this panel) of an image pixel's centre, for tests and tools. */
    public javafx.geometry.Point2D imageToScreen(double ix, double iy) {
        return viewport.localToScreen(viewport.toScreenX(ix), viewport.toScreenY(iy));
    }
}
