package com.maeworkbench.app;

import atlantafx.base.theme.PrimerDark;
import com.maeworkbench.app.present.Presenter;
import com.maeworkbench.app.service.DicomExporter;
import com.maeworkbench.app.service.Exporter;
import com.maeworkbench.app.service.ImageService;
import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.service.ModelService;
import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.service.ReconstructionService;
import com.maeworkbench.app.service.UncertaintyService;
import com.maeworkbench.app.service.SliceService;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.DifferenceScaleView;
import com.maeworkbench.app.view.InspectorView;
import com.maeworkbench.app.view.MenuBarView;
import com.maeworkbench.app.view.PanelGrid;
import com.maeworkbench.app.view.PanelImages;
import com.maeworkbench.app.view.SliceBarView;
import com.maeworkbench.app.view.StartupView;
import com.maeworkbench.app.view.StatusBarView;
import com.maeworkbench.app.view.ToolBarView;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.method.Methods;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Composition root: builds the state, the services and the views, and wires them to one stage.
 * Kept apart from {@link WorkbenchApp} so tests can start a workbench on a TestFX stage.
 */
public final class Workbench {

    public static final String TITLE = "MAE Restoration Workbench — " + StatusBarView.DISCLAIMER;
    /** The mask the app opens with, so the first screen already compares MAE with the baselines. */
    public static final String STARTUP_MASK = "patches:ratio=0.5,size=16,seed=1";
    public static final String DEFAULT_SAMPLE = "astronaut.png";

    private final WorkbenchState state = new WorkbenchState();
    private final PerfLog perf = new PerfLog(Boolean.getBoolean("mae.debug"));
    private final AppPreferences prefs = new AppPreferences();
    private final Notifier notifier = new Notifier(state);
    private final MaskController masks = new MaskController(state);
    private final ReconstructionService reconstruction;
    private final UncertaintyService uncertainty;
    private final ImageService images;
    private final ModelService models;
    private final Exporter exporter;
    private final SliceService slices;
    private final DicomExporter dicomExporter;
    private final WorkbenchActions actions;
    private final PanelGrid grid;
    private final Presenter presenter;
    private final Stage stage;
    private CompletableFuture<Boolean> startupImage = CompletableFuture.completedFuture(false);
    private CompletableFuture<Boolean> startupModel = CompletableFuture.completedFuture(false);

    public Workbench(Stage stage) {
        this(stage, new FxDialogs(stage));
    }

    /** A workbench whose file choosers and confirmations are {@code dialogs} (tests answer them headless). */
    public Workbench(Stage stage, Dialogs dialogs) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        prefs.restoreSettings(state);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        reconstruction = new ReconstructionService(state, Platform::runLater, threads, perf);
        uncertainty = new UncertaintyService(state, Platform::runLater, reconstruction,
                state.uncertaintyShownProperty().or(state.presentingProperty()), perf);
        images = new ImageService(state, notifier, prefs::addRecent);
        models = new ModelService(state, notifier);
        exporter = new Exporter(state, notifier);
        slices = new SliceService(state, notifier, Platform::runLater, masks::stroking);
        dicomExporter = new DicomExporter(Platform::runLater);
        actions = new WorkbenchActions(state, masks, images, models, exporter, notifier, prefs, perf, slices, dicomExporter);
        PanelImages rendered = new PanelImages(state, perf);
        grid = new PanelGrid(state, rendered, masks, actions::showImageInfo);
        presenter = new Presenter(state, masks, actions::open, notifier, rendered, grid::displayName,
                List.of(Objects.requireNonNull(Workbench.class.getResource("workbench.css")).toExternalForm()));
        actions.attachPresenter(presenter);
        grid.setId("panel-grid");
        grid.visibleProperty().bind(state.imageProperty().isNotNull());
        Label overlay = new Label();
        overlay.getStyleClass().add("debug-overlay");
        overlay.visibleProperty().bind(state.debugTimingsProperty());
        state.results().addListener((MapChangeListener<String, MethodResult>) c -> {
            if (state.debugTimingsProperty().get()) overlay.setText(perf.summary());
        });
        StackPane panels = new StackPane(grid, new StartupView(state, actions), overlay);
        StackPane.setAlignment(overlay, Pos.BOTTOM_LEFT);
        VBox.setVgrow(panels, Priority.ALWAYS);
        VBox center = new VBox(new DifferenceScaleView(state), panels, new SliceBarView(actions));
        SplitPane split = new SplitPane(center, new InspectorView(actions));
        split.setDividerPositions(prefs.dividerPosition());
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        BorderPane root = new BorderPane(split);
        root.setTop(new VBox(new MenuBarView(actions), new ToolBarView(actions)));
        root.setBottom(new StatusBarView(state));
        root.getStyleClass().add("workbench");
        // The start-up splash's scene is kept (swapping scenes would resize a shown window).
        Scene scene = stage.getScene();
        if (scene == null) {
            scene = new Scene(root, 1500, 940);
            stage.setScene(scene);
        } else {
            scene.setRoot(root);
        }
        scene.getStylesheets().add(Objects.requireNonNull(Workbench.class.getResource("workbench.css")).toExternalForm());
        installKeys(scene);
        installDragAndDrop(scene);
        actions.attach(stage, grid, dialogs);
        notifier.setOwner(stage);
        if (!stage.isShowing()) placeWindow(stage, prefs);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path p = state.getImagePath();
            return (p == null ? "" : p.getFileName() + " — ") + TITLE;
        }, state.imagePathProperty()));
        stage.setOnHidden(e -> {
            prefs.saveWindow(stage);
            prefs.saveDividerPosition(split.getDividerPositions()[0]);
            prefs.saveSettings(state);
            if (perf.samples("mae") > 0) System.err.println("[mae-perf] summary\n" + perf.summary());
            close();
        });
        state.methods().addAll(Methods.classical());
    }

    /**
     * Shows the window at once with a splash, then builds the workbench on the next frame and starts it: the
     * styles, panels and native libraries take seconds on a slow machine, which used to be a blank window.
     */
    public static void launch(Stage stage, List<String> args) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        stage.setTitle(TITLE);
        stage.setScene(new Scene(StartupView.splash(), 1500, 940, StartupView.SPLASH_FILL));
        placeWindow(stage, new AppPreferences());
        stage.show();
        // Build once the splash has been drawn at the window's final size (the window manager may resize
        // or maximise it after it shows): a few frames after the last resize, at most about a second.
        new AnimationTimer() {
            private int frames, sinceResize;
            private double w, h;

            @Override
            public void handle(long now) {
                if (stage.getWidth() != w || stage.getHeight() != h) {
                    w = stage.getWidth();
                    h = stage.getHeight();
                    sinceResize = 0;
                }
                if (++sinceResize < 3 && ++frames < 60) return;
                stop();
                Platform.runLater(() -> new Workbench(stage).startUp(args));
            }
        }.start();
    }

    /**
     * The remembered size and place, wholly on the screen; maximised where that fills the screen anyway (a
     * 1024x700 display), so the window's frame does not hang off it. The size is set again once shown: JavaFX 21 under some window
     * managers (openbox here) ignores a size set before showing and opens at 200x200 (JDK-8316423, fixed in 22).
     */
    private static void placeWindow(Stage stage, AppPreferences prefs) {
        prefs.restoreWindow(stage);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = stage.getWidth(), h = stage.getHeight();
        if (w >= screen.getWidth() && h >= screen.getHeight()) stage.setMaximized(true);
        // Wholly on the screen (a place remembered from a bigger monitor may leave it hanging off an edge).
        stage.setX(Math.max(screen.getMinX(), Math.min(stage.getX(), screen.getMaxX() - w)));
        stage.setY(Math.max(screen.getMinY(), Math.min(stage.getY(), screen.getMaxY() - h)));
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            if (stage.isMaximized()) return;
            stage.setWidth(w);
            stage.setHeight(h);
        });
    }

    /** Loads the model and the first image: a path given on the command line, else the default sample. */
    public void startUp(List<String> args) {
        Path model = System.getProperty("mae.model") != null || prefs.modelPath() == null || !Files.isRegularFile(prefs.modelPath())
                ? MaeModel.defaultModelPath() : prefs.modelPath();
        Path first = args.isEmpty() ? defaultSample() : Path.of(args.get(0));
        if (first == null) { // the start-up view says how to open one
            startupModel = models.load(model, state.deviceProperty().get());
            return;
        }
        state.loadingProperty().set("Opening " + first.getFileName() + "…");
        startupImage = actions.open(first, STARTUP_MASK);
        // The model loads once the image is on screen: on two cores its session set-up would otherwise delay the
        // first pixels of a big image (3.6 s to first pixels of a 3000x3000 image with both at once, under load).
        CompletableFuture<Void> shown = new CompletableFuture<>();
        startupImage.whenComplete((ok, e) -> {
            if (!Boolean.TRUE.equals(ok) || state.imageShownProperty().get()) shown.complete(null);
            else state.imageShownProperty().addListener((o, was, now) -> {
                if (now) shown.complete(null);
            });
        });
        startupModel = shown.thenCompose(x -> models.load(model, state.deviceProperty().get()));
    }

    private Path defaultSample() {
        List<Assets.Sample> samples;
        try {
            samples = Assets.samples();
        } catch (IOException e) {
            notifier.error("Sample catalogue unreadable", e.getMessage());
            return null;
        }
        return samples.stream().map(Assets.Sample::file).filter(f -> f.getFileName().toString().equals(DEFAULT_SAMPLE))
                .findFirst().orElse(samples.isEmpty() ? null : samples.get(0).file());
    }

    private void installKeys(Scene scene) {
        // Space shows the original while held; a filter so focused buttons do not also act on it.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                state.showOriginalProperty().set(true);
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                state.showOriginalProperty().set(false);
                e.consume();
            }
        });
        // Slices before the focused control: the inspector's scroll pane would take Page Up/Down, Home and End
        // for itself (and menu accelerators fire only for keys nobody took). A text field keeps Home and End.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown() || state.getSliceStack() == null || state.getSliceStack().size() < 2) return;
            boolean typing = scene.getFocusOwner() instanceof TextInputControl;
            switch (e.getCode()) {
                case PAGE_UP -> actions.stepSlice(-1);
                case PAGE_DOWN -> actions.stepSlice(1);
                case HOME -> {
                    if (typing) return;
                    actions.firstSlice();
                }
                case END -> {
                    if (typing) return;
                    actions.lastSlice();
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private void installDragAndDrop(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = !files.isEmpty();
            if (ok) {
                Path p = files.get(0).toPath();
                if (p.getFileName().toString().toLowerCase().endsWith(".onnx")) models.load(p, state.deviceProperty().get());
                else actions.open(p); // a folder opens its first image
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    public void close() {
        if (Platform.isFxApplicationThread()) presenter.stop(); // tests close from their own thread, never presenting
        uncertainty.close();
        reconstruction.close();
        images.close();
        exporter.close();
        slices.close();
        dicomExporter.close();
        models.close();
    }

    public WorkbenchState state() {
        return state;
    }

    public WorkbenchActions actions() {
        return actions;
    }

    public PanelGrid grid() {
        return grid;
    }

    public UncertaintyService uncertainty() {
        return uncertainty;
    }

    public PerfLog perf() {
        return perf;
    }

    public Stage stage() {
        return stage;
    }

    public CompletableFuture<Boolean> startupImage() {
        return startupImage;
    }

    public CompletableFuture<Boolean> startupModel() {
        return startupModel;
    }
}
