package com.maeworkbench.app.view;

import com.maeworkbench.app.state.UncertaintyResult;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.metric.Ranking;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.Observable;
import javafx.collections.MapChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * Presentation mode's screen, for a room: the step's caption, then side by side the masked input, the MAE, the
 * best classical method (by the core's {@link Ranking}) and the MAE's uncertainty map, each with the numbers its
 * workbench panel shows, and the disclaimer always in view. Everything is bound to the workbench's state and
 * renders: the images are the panels' own, the numbers the panels' own text. Type scales with the screen.
 */
public final class PresentationView extends BorderPane {

    public static final String MASKED = "present-masked", MAE = "present-mae", BEST = "present-best", UNCERTAINTY = "present-uncertainty";
    /** Screen width over the base font size: 27 px type on a 1920 px wide screen, 14 px on 1024. */
    static final double WIDTH_PER_EM = 72;

    private final WorkbenchState state;
    private final PanelImages images;
    private final Function<String, String> names;
    private final PresentationTile masked = new PresentationTile(MASKED), mae = new PresentationTile(MAE),
            best = new PresentationTile(BEST), uncertainty = new PresentationTile(UNCERTAINTY);
    private final List<PresentationTile> tiles = List.of(masked, mae, best, uncertainty);
    private final Label caption = new Label();
    private final Label step = new Label();
    private final Label problem = new Label();
    private final InvalidationListener refresh = o -> refresh();
    private final MapChangeListener<String, Object> resultRefresh = c -> refresh();
    private final Observable[] watched;
    private final GridPane grid = new GridPane();
    private final RowConstraints pictures = new RowConstraints();
    private String bestShown;

    public PresentationView(WorkbenchState state, PanelImages images, Function<String, String> names) {
        this.state = state;
        this.images = images;
        this.names = names;
        getStyleClass().add("presentation");
        setId("presentation");
        // Type in proportion to the screen, so the same layout reads from the back of any room.
        styleProperty().bind(widthProperty().divide(WIDTH_PER_EM).asString(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;"));

        caption.setId("present-caption");
        caption.getStyleClass().add("present-caption");
        caption.setWrapText(true);
        caption.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(caption, Priority.ALWAYS);
        step.setId("present-step");
        step.getStyleClass().add("present-step");
        step.setMinWidth(Region.USE_PREF_SIZE);
        problem.setId("present-problem");
        problem.getStyleClass().add("present-problem");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);
        HBox captionRow = new HBox(24, caption, step);
        captionRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, captionRow, problem);
        top.getStyleClass().add("present-top");
        setTop(top);

        grid.getStyleClass().add("present-grid");
        for (int i = 0; i < tiles.size(); i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / tiles.size());
            c.setHalignment(HPos.LEFT);
            grid.getColumnConstraints().add(c);
            grid.add(tiles.get(i).header, i, 0);
            grid.add(tiles.get(i).picture, i, 1);
        }
        RowConstraints headers = new RowConstraints(), legends = new RowConstraints();
        pictures.setMinHeight(0);
        grid.getRowConstraints().addAll(headers, pictures, legends);
        // The pictures' row is as tall as the images at the columns' width (less when the screen is short); the
        // whole block is centred, so the colour bars sit right under the images.
        grid.setAlignment(Pos.CENTER);
        grid.widthProperty().addListener(o -> sizePictures());
        grid.hgapProperty().addListener(o -> sizePictures());
        Node differenceLegend = legend(new Label("difference |method − original|"), new HeatScale(state, "present-difference-full-scale"));
        differenceLegend.visibleProperty().bind(state.viewModeProperty().isEqualTo(ViewMode.DIFFERENCE));
        grid.add(differenceLegend, 1, 2, 2, 1);
        Node uncertaintyLegend = legend(new Label("predicted error σ"), new HeatScale(state, "present-uncertainty-full-scale"));
        grid.add(uncertaintyLegend, 3, 2);
        setCenter(grid);

        // A text sign rather than the status bar's icon: it scales with the type.
        Label warning = new Label("⚠");
        warning.getStyleClass().add("present-warning");
        Label disclaimer = new Label(StatusBarView.DISCLAIMER, warning);
        disclaimer.setId("present-disclaimer");
        disclaimer.getStyleClass().addAll("disclaimer", "present-disclaimer");
        disclaimer.setMinWidth(Region.USE_PREF_SIZE);
        Label keys = new Label("← → step · Space (hold) original · D difference · Esc leave");
        keys.setId("present-keys");
        Label model = new Label();
        model.setId("present-model");
        model.textProperty().bind(Bindings.createStringBinding(() -> {
            var info = state.modelInfoProperty().get();
            return info == null ? "" : "MAE model " + info.name() + " " + info.version();
        }, state.modelInfoProperty()));
        // Where the uncertainty map's calibration comes from (or why it has none), whenever a map is shown.
        Label calibration = new Label();
        calibration.setId("present-calibration");
        calibration.textProperty().bind(Bindings.createStringBinding(() -> {
            UncertaintyResult u = state.uncertaintyProperty().get();
            return u == null || u.calibrationNote() == null ? "" : "uncertainty " + u.calibrationNote();
        }, state.uncertaintyProperty()));
        for (Label l : new Label[]{keys, model, calibration}) {
            l.getStyleClass().add("present-hint");
            l.setWrapText(true);
            l.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        VBox hints = new VBox(keys, model, calibration);
        hints.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(hints, Priority.ALWAYS);
        HBox bottom = new HBox(24, disclaimer, hints);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("present-bottom");
        setBottom(bottom);

        masked.show(WorkbenchState.MASKED, "what every method is given", "Masked input");
        mae.show("mae", "AI reconstruction", names.apply("mae"));
        uncertainty.show(WorkbenchState.UNCERTAINTY, "where the MAE is guessing", PanelGrid.UNCERTAINTY_TITLE);
        masked.picture.overlay.imageProperty().bind(images.overlay().imageProperty());
        masked.picture.overlay.opacityProperty().bind(state.maskOpacityProperty());
        masked.picture.overlay.visibleProperty().bind(state.showOriginalProperty().not());
        for (PresentationTile t : tiles) t.picture.originalBadge.visibleProperty().bind(state.showOriginalProperty());

        watched = new Observable[]{state.showOriginalProperty(), state.viewModeProperty(), state.rankingProperty(), state.comparableProperty(),
                state.bestMethodProperty(), state.imageProperty(), state.maskChangeProperty(), state.modelErrorProperty(),
                state.uncertaintyProperty(), state.uncertaintyActivityProperty()};
        for (Observable o : watched) o.addListener(refresh);
        state.results().addListener(resultRefresh);
        state.measured().addListener(resultRefresh);
        refresh();
    }

    private Node legend(Label what, HeatScale scale) {
        what.setMinWidth(Region.USE_PREF_SIZE);
        scale.rampWidthProperty().bind(widthProperty().divide(WIDTH_PER_EM).multiply(8));
        scale.rampHeightProperty().bind(widthProperty().divide(WIDTH_PER_EM).multiply(0.8));
        VBox box = new VBox(4, what, scale);
        box.getStyleClass().add("present-legend");
        return box;
    }

    private void sizePictures() {
        var img = state.getImage();
        double aspect = img == null ? 1 : img.height() / (double) img.width();
        double column = (grid.getWidth() - grid.snappedLeftInset() - grid.snappedRightInset() - grid.getHgap() * (tiles.size() - 1)) / tiles.size();
        double h = Math.max(0, Math.floor(column * aspect));
        pictures.setPrefHeight(h);
        pictures.setMaxHeight(h);
    }

    /** The step shown: its caption and where it is in the script. */
    public void setStep(int index, int count, String text) {
        caption.setText(text);
        step.setText((index + 1) + " / " + count);
    }

    /** A step that could not be shown says why, in the presentation itself (null clears it). */
    public void setProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
    }

    /** Detaches from the state (the view is thrown away when the presentation ends). */
    public void dispose() {
        for (Observable o : watched) o.removeListener(refresh);
        state.results().removeListener(resultRefresh);
        state.measured().removeListener(resultRefresh);
        for (PresentationTile t : tiles) {
            t.picture.base.imageProperty().unbind();
            t.picture.overlay.imageProperty().unbind();
        }
    }

    private void refresh() {
        sizePictures();
        String classical = bestClassical();
        // The method's name alone as the title: "Best classical: Gaussian (normalised convolution)" took four lines.
        best.show(classical, "best classical method", classical == null ? "—" : names.apply(classical));
        boolean original = state.showOriginalProperty().get();
        for (PresentationTile t : tiles) {
            var base = t.picture.base.imageProperty();
            base.unbind();
            if (t.panel() == null) base.set(null);
            else base.bind((original ? images.original() : images.forPanel(t.panel())).imageProperty());
            t.refresh(state, names);
        }
    }

    /**
     * The best classical method by the core's ranking; while the ranking is not valid for the mask shown (numbers
     * still coming in) the one shown stays, so the view does not flicker between methods mid-update.
     */
    private String bestClassical() {
        Ranking r = state.rankingProperty().get();
        String now = r.bestClassical();
        boolean known = bestShown != null && state.methods().stream().anyMatch(m -> m.id().equals(bestShown));
        if (state.comparableProperty().get() || !known) bestShown = now;
        return bestShown;
    }

    /** The facts a view shows now, for tests. */
    public List<String> facts(String viewId) {
        return tiles.stream().filter(t -> t.header.getId().equals(viewId)).findFirst().map(PresentationTile::facts).orElse(List.of());
    }

    /** The workbench panel a view shows now (the best classical method's id for {@link #BEST}). */
    public String panelOf(String viewId) {
        return tiles.stream().filter(t -> t.header.getId().equals(viewId)).findFirst().map(PresentationTile::panel).orElse(null);
    }
}
