package com.maeworkbench.app.view;

import com.maeworkbench.app.WorkbenchActions;
import com.maeworkbench.app.state.WorkbenchState;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * What the centre shows while there is no image: the start-up's progress (model, then image), or, when
 * nothing is loading, how to open one and why the last attempt failed. Never a grid of empty panels.
 */
public final class StartupView extends VBox {

    /** The splash's background, also the scene's fill, so the window's first frame is not white. */
    public static final Color SPLASH_FILL = Color.web("#0d1117");

    private final WorkbenchState state;
    private final ProgressBar progress = new ProgressBar();
    private final Label model = new Label();
    private final Label image = new Label();
    private final Label hint = new Label("Open an image (Ctrl+O) or a folder (Ctrl+Shift+O), drop one here, or pick a sample (Ctrl+G).");
    private final Label problem = new Label();
    private final HBox buttons;

    public StartupView(WorkbenchState state, WorkbenchActions actions) {
        this.state = state;
        setId("startup-view");
        getStyleClass().add("startup-view");
        setAlignment(Pos.CENTER);
        setSpacing(10);
        Label title = new Label("MAE Restoration Workbench");
        title.getStyleClass().add("startup-title");
        progress.setPrefWidth(320);
        for (Label l : new Label[]{model, image, hint, problem}) {
            l.setWrapText(true);
            l.setMaxWidth(520);
            l.setMinHeight(USE_PREF_SIZE);
            l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        }
        problem.getStyleClass().add("startup-problem");
        Button open = Icons.decorate(new Button("Open…"), "mdi2f-folder-open", "Open an image or DICOM file (Ctrl+O)");
        open.setOnAction(e -> actions.openDialog());
        Button folder = Icons.decorate(new Button("Open folder…"), "mdi2f-folder-image", "Open the first image of a folder (Ctrl+Shift+O)");
        folder.setOnAction(e -> actions.openFolderDialog());
        Button samples = Icons.decorate(new Button("Samples…"), "mdi2i-image-multiple", "Sample gallery (Ctrl+G)");
        samples.setOnAction(e -> actions.showSamples());
        buttons = new HBox(8, open, folder, samples);
        buttons.setAlignment(Pos.CENTER);
        getChildren().addAll(title, progress, model, image, hint, buttons, problem);
        InvalidationListener refresh = o -> refresh();
        for (var p : new javafx.beans.Observable[]{state.loadingProperty(), state.deviceStatusProperty(), state.modelInfoProperty(),
                state.modelErrorProperty(), state.imageProperty(), state.statusProperty()}) {
            p.addListener(refresh);
        }
        visibleProperty().bind(state.imageProperty().isNull());
        refresh();
    }

    private void refresh() {
        boolean modelLoading = state.modelInfoProperty().get() == null && state.modelErrorProperty().get() == null;
        boolean imageLoading = state.loadingProperty().get() != null;
        boolean loading = modelLoading || imageLoading;
        double done = (modelLoading ? 0 : 0.5) + (imageLoading ? 0 : 0.5);
        progress.setProgress(done == 0 ? ProgressBar.INDETERMINATE_PROGRESS : done);
        progress.setVisible(loading);
        model.setText(modelLoading ? "Loading the model…" : state.modelInfoProperty().get() != null
                ? "✓ Model " + state.modelInfoProperty().get().name() + " " + state.modelInfoProperty().get().version()
                : "No model: " + state.modelErrorProperty().get());
        image.setText(imageLoading ? state.loadingProperty().get() : "");
        image.setVisible(imageLoading);
        hint.setVisible(!imageLoading);
        buttons.setVisible(!imageLoading);
        String status = state.statusProperty().get();
        problem.setText(status == null ? "" : status);
        problem.setVisible(!imageLoading && status != null && !status.isEmpty());
    }

    /** The window's content for the moment before the workbench is built, so the window is never blank. */
    public static Parent splash() {
        Label title = new Label("MAE Restoration Workbench");
        title.setStyle("-fx-font-size: 20px; -fx-text-fill: #e6edf3;");
        Label starting = new Label("Starting…");
        starting.setStyle("-fx-text-fill: #8d96a0;");
        ProgressBar bar = new ProgressBar(0.1);
        bar.setPrefWidth(320);
        Label stamp = new Label(StatusBarView.DISCLAIMER);
        stamp.setStyle("-fx-text-fill: #f85149; -fx-font-weight: bold;");
        VBox box = new VBox(12, title, bar, starting, stamp);
        box.setAlignment(Pos.CENTER);
        box.setBackground(javafx.scene.layout.Background.fill(SPLASH_FILL));
        return box;
    }
}
