package com.maeworkbench.app.view;

import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.state.MethodProgress;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

import java.util.List;
import java.util.function.Function;

/**
 * One labelled image panel: a title with a rank or "stale" badge, the method's numbers as facts that wrap
 * as whole units, and a {@link Viewport} that shares zoom, pan, mask tools and the patch grid with every
 * other panel. The split panel ({@link #SPLIT}) shows panel A left of the divider and panel B right of it.
 * While a long run of the panel's method is in flight, a progress bar at the foot of the picture says how far
 * it got ({@link WorkbenchState#progress()}).
 */
public final class ImagePanel extends VBox {

    public static final String SPLIT = "split";
    private static final PseudoClass BEST = PseudoClass.getPseudoClass("best");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final String id;
    private final WorkbenchState state;
    private final PanelImages images;
    private final Function<String, String> names;
    private final VBox header;
    private final StackPane headerSlot;
    private final VBox sizer;
    private final HBox titleRow;
    private Tooltip infoTip;
    private final Label badge = new Label();
    private final FlowPane facts = new FlowPane();
    private final Label note = new Label();
    private final Tooltip badgeTip = new Tooltip();
    private final ImageView base = new ImageView();
    private final ImageView top = new ImageView();
    private final Line divider = new Line();
    private final Viewport viewport;
    private final InvalidationListener refresh = this::refresh;
    private final Observable[] watched;
    private final MapChangeListener<String, Object> resultListener = c -> refreshFacts();
    private final ProgressBar progressBar = new ProgressBar();
    private final Label progressLabel = new Label();
    private final HBox progressRow = new HBox(6, progressBar, progressLabel);
    private final MapChangeListener<String, MethodProgress> progressListener = c -> refreshProgress();
    private PanelFacts shown;

    public ImagePanel(String id, String title, WorkbenchState state, PanelImages images, MaskController masks,
                      Function<String, String> names) {
        this.id = id;
        this.state = state;
        this.images = images;
        this.names = names;
        getStyleClass().add("image-panel");
        setId("panel-" + id);
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("panel-title");
        titleLabel.setWrapText(true);
        titleLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(titleLabel, Priority.ALWAYS);
        badge.getStyleClass().add("panel-badge");
        badge.setId("badge-" + id);
        badge.setMinWidth(USE_PREF_SIZE);
        badge.setTooltip(badgeTip);
        titleRow = new HBox(6, titleLabel, badge);
        titleRow.setAlignment(Pos.TOP_LEFT);
        facts.getStyleClass().add("panel-facts");
        facts.setId("metrics-" + id);
        note.getStyleClass().add("panel-note");
        note.setWrapText(true);
        note.managedProperty().bind(note.visibleProperty());
        header = new VBox(1, titleRow, facts, note);
        header.getStyleClass().add("panel-header");
        // The grid sets the slot's height: the same for every panel, so the images line up. An invisible
        // sizer with the longest facts a method shows keeps that height from changing as numbers arrive,
        // so the images never move under the brush mid-stroke.
        sizer = sizer(title);
        headerSlot = new StackPane(sizer, header);
        headerSlot.setAlignment(Pos.TOP_LEFT);
        headerSlot.setMinHeight(USE_PREF_SIZE);

        ImageView overlay = new ImageView();
        if (WorkbenchState.MASKED.equals(id)) {
            overlay.imageProperty().bind(images.overlay().imageProperty());
            overlay.opacityProperty().bind(state.maskOpacityProperty());
            overlay.visibleProperty().bind(state.showOriginalProperty().not());
        } else if (WorkbenchState.ORIGINAL.equals(id)) {
            // Faintly, while the pointer is over it: strokes painted here show here, and the original is
            // untouched otherwise.
            overlay.getStyleClass().add("mask-hint");
            overlay.setId("mask-hint");
            overlay.imageProperty().bind(images.overlay().imageProperty());
            overlay.visibleProperty().bind(hoverProperty().and(state.showOriginalProperty().not()));
        }
        divider.getStyleClass().add("split-divider");
        divider.setVisible(SPLIT.equals(id));
        viewport = new Viewport(state, masks, base, overlay, top, divider, this::valueAt, images.perf());
        Label originalBadge = new Label("Original (Space)");
        originalBadge.getStyleClass().add("original-badge");
        originalBadge.setId("original-badge-" + id);
        originalBadge.setMouseTransparent(true);
        if (WorkbenchState.ORIGINAL.equals(id)) originalBadge.setVisible(false);
        else originalBadge.visibleProperty().bind(state.showOriginalProperty());
        progressRow.getStyleClass().add("panel-progress");
        progressRow.setId("progress-" + id);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.setMouseTransparent(true);
        progressRow.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        progressRow.setVisible(false);
        StackPane picture = new StackPane(viewport, originalBadge, progressRow);
        StackPane.setAlignment(originalBadge, Pos.TOP_LEFT);
        StackPane.setAlignment(progressRow, Pos.BOTTOM_LEFT);
        if (WorkbenchState.UNCERTAINTY.equals(id)) {
            Node legend = uncertaintyLegend(state, "uncertainty-full-scale");
            legend.visibleProperty().bind(state.showOriginalProperty().not());
            picture.getChildren().add(legend);
            StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        }
        picture.setMinSize(0, 0);
        VBox.setVgrow(picture, Priority.ALWAYS);
        getChildren().addAll(headerSlot, picture);

        // Listeners removed in dispose(): panels are rebuilt when methods or the split change.
        watched = new Observable[]{state.showOriginalProperty(), state.splitAProperty(), state.splitBProperty(),
                state.bestMethodProperty(), state.comparableProperty(), state.rankingProperty(), state.imageProperty(), state.modelErrorProperty(),
                state.maskChangeProperty(), state.uncertaintyProperty(), state.uncertaintyActivityProperty()};
        for (Observable o : watched) o.addListener(refresh);
        state.results().addListener(resultListener);
        state.measured().addListener(resultListener);
        state.timings().addListener(resultListener);
        state.progress().addListener(progressListener);
        refresh(null);
    }

    public String panelId() {
        return id;
    }

    /**
     * An info button beside the title (the Original panel's): its tooltip says what decoding did to the pixels,
     * a click opens the image info.
     */
    void addInfoButton(Runnable showInfo) {
        Button info = Icons.decorate(new Button(), "mdi2i-information-outline", "");
        info.setId("image-info-button");
        info.getStyleClass().addAll("flat", "panel-info");
        info.setFocusTraversable(false);
        info.setOnAction(e -> showInfo.run());
        infoTip = info.getTooltip();
        infoTip.setText(ImageInfoDialog.summary(state));
        titleRow.getChildren().add(1, info);
    }

    /** Detaches from the state before the panel is thrown away. */
    public void dispose() {
        for (Observable o : watched) o.removeListener(refresh);
        state.results().removeListener(resultListener);
        state.measured().removeListener(resultListener);
        state.timings().removeListener(resultListener);
        state.progress().removeListener(progressListener);
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
        if (infoTip != null) infoTip.setText(ImageInfoDialog.summary(state));
        refreshFacts();
        refreshProgress();
    }

    /** The run in flight of the method this panel shows (B's on the split panel), if it has taken long enough to show. */
    private void refreshProgress() {
        String method = SPLIT.equals(id) ? state.splitBProperty().get() : id;
        MethodProgress p = state.progress().get(method);
        progressRow.setVisible(p != null);
        if (p == null) return;
        progressBar.setProgress(Double.isNaN(p.done()) ? ProgressBar.INDETERMINATE_PROGRESS : p.done());
        progressLabel.setText(p.label(names.apply(method)));
    }

    /** The progress shown on this panel ("MAE 37%"), or null when none. */
    public String progressText() {
        return progressRow.isVisible() ? progressLabel.getText() : null;
    }

    private static void bind(ImageView view, RenderedImage source) {
        view.imageProperty().unbind();
        view.imageProperty().bind(source.imageProperty());
    }

    private void refreshFacts() {
        PanelFacts f = PanelFacts.of(state, id, names);
        pseudoClassStateChanged(BEST, id.equals(state.bestMethodProperty().get()));
        pseudoClassStateChanged(FAILED, f.failed());
        pseudoClassStateChanged(STALE, f.stale());
        if (f.equals(shown)) return;
        shown = f;
        badge.setText(f.badge() == null ? "" : f.badge());
        badge.setVisible(f.badge() != null);
        badgeTip.setText(f.badgeTip() == null ? "" : f.badgeTip());
        List<String> texts = f.facts();
        while (facts.getChildren().size() > texts.size()) facts.getChildren().remove(facts.getChildren().size() - 1);
        for (int i = 0; i < texts.size(); i++) {
            if (i == facts.getChildren().size()) {
                Label l = new Label();
                l.getStyleClass().add("panel-fact");
                l.setMinWidth(USE_PREF_SIZE); // a fact moves to the next line whole, never ends in "..."
                facts.getChildren().add(l);
            }
            ((Label) facts.getChildren().get(i)).setText(texts.get(i));
        }
        note.setText(f.note() == null ? "" : f.note());
        note.setVisible(f.note() != null);
    }

    /** The header's natural height in a panel {@code width} wide, so the grid can give every panel the same. */
    double headerHeight(double width) {
        double inner = width - snappedLeftInset() - snappedRightInset();
        return Math.max(header.prefHeight(inner), sizer.prefHeight(inner));
    }

    /** The narrowest panel in which no fact of the header is cut. */
    double headerMinWidth() {
        return Math.max(header.minWidth(-1), sizer.minWidth(-1)) + snappedLeftInset() + snappedRightInset();
    }

    /** The title and the widest facts a method panel shows, laid out like the header but never drawn. */
    private static VBox sizer(String title) {
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        t.setWrapText(true);
        Label badge = new Label(PanelFacts.WIDEST_BADGE);
        badge.getStyleClass().add("panel-badge");
        badge.setMinWidth(USE_PREF_SIZE);
        HBox row = new HBox(6, t, badge);
        HBox.setHgrow(t, Priority.ALWAYS);
        FlowPane facts = new FlowPane();
        facts.getStyleClass().add("panel-facts");
        for (String f : PanelFacts.WIDEST_FACTS) {
            Label l = new Label(f);
            l.getStyleClass().add("panel-fact");
            l.setMinWidth(USE_PREF_SIZE);
            facts.getChildren().add(l);
        }
        VBox box = new VBox(1, row, facts);
        box.getStyleClass().add("panel-header");
        box.setVisible(false);
        return box;
    }

    void setHeaderHeight(double h) {
        headerSlot.setPrefHeight(h);
    }

    /** The uncertainty map's colour bar, on the map: what the colours mean in the image's units. */
    static Node uncertaintyLegend(WorkbenchState state, String topId) {
        Label what = new Label("σ");
        what.setMinWidth(USE_PREF_SIZE);
        HeatScale scale = new HeatScale(state, topId);
        scale.rampWidthProperty().set(96);
        HBox legend = new HBox(6, what, scale);
        legend.getStyleClass().add("uncertainty-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        legend.setMouseTransparent(true);
        return legend;
    }

    /**
     * The displayed image's value at a pixel, for the readout (the original when the panel has none yet); on the
     * uncertainty panel the predicted error std in the image's units.
     */
    private FloatImage valueAt() {
        if (state.showOriginalProperty().get() || WorkbenchState.ORIGINAL.equals(id) || WorkbenchState.MASKED.equals(id)) {
            return state.getImage();
        }
        if (WorkbenchState.UNCERTAINTY.equals(id)) {
            var u = state.uncertaintyProperty().get();
            return u == null || u.sigma() == null ? state.getImage() : u.sigma();
        }
        String key = SPLIT.equals(id) ? state.splitBProperty().get() : id;
        MethodResult r = state.results().get(key);
        return r == null || r.image() == null ? state.getImage() : r.image();
    }

    /** The facts the header shows now (e.g. "PSNR in mask 17.83 dB", "full run 2906 ms"). */
    public List<String> facts() {
        return shown == null ? List.of() : shown.facts();
    }

    /** The badge shown ("stale", a rank), or null. */
    public String badge() {
        return shown == null ? null : shown.badge();
    }

    double effectiveZoom() {
        return viewport.effectiveZoom();
    }

    /**
     * What the picture draws now: the part of the image (x, y, width, height in image pixels) and the size of the
     * render behind it, {@code [x, y, w, h, renderWidth, renderHeight]}, or null before anything is drawn (tests).
     */
    public int[] drawnPart() {
        if (!(base.getImage() instanceof RenderedImage.Drawn d)) return null;
        return new int[]{d.crop.x(), d.crop.y(), d.crop.width(), d.crop.height(), (int) d.getWidth(), (int) d.getHeight()};
    }

    /** Screen point (in this panel) of an image pixel's centre, for tests and tools. */
    public javafx.geometry.Point2D imageToScreen(double ix, double iy) {
        return viewport.localToScreen(viewport.toScreenX(ix), viewport.toScreenY(iy));
    }
}
