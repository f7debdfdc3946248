package com.maeworkbench.app;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. Arguments: an optional image to open instead of the default sample.
 * System properties: {@code mae.model} (model file), {@code mae.assets} (assets folder),
 * {@code mae.debug=true} (one timing line per panel update on stderr).
 */
public class WorkbenchApp extends Application {

    @Override
    public void start(Stage stage) {
        Workbench.launch(stage, getParameters().getUnnamed());
    }

    public static void main(String[] args) {
        launch(args);
    }
}
