package com.maeworkbench.app;

import com.maeworkbench.app.service.AppLog;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. Arguments: an optional image to open instead of the default sample.
 * System properties: {@code mae.model} (model file), {@code mae.assets} (assets folder),
 * {@code mae.debug=true} (one timing line per panel update on stderr), {@code mae.log.dir} (log folder).
 * Start it through {@link Launcher}, which explains a window system that cannot start.
 */
public class WorkbenchApp extends Application {

    @Override
    public void init() {
        AppLog.install(); // started by a module-path launch that bypassed Launcher: the log still goes to its file
        Launcher.toolkitStarted();
    }

    @Override
    public void start(Stage stage) {
        Workbench.launch(stage, getParameters().getUnnamed());
    }

    public static void main(String[] args) {
        Launcher.main(args);
    }
}
