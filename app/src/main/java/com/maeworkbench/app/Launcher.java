package com.maeworkbench.app;

import javafx.application.Application;

/**
 * Class-path entry point. The JDK launcher refuses a main class that extends {@link Application} when
 * JavaFX is not on the module path, so the installer layout (jar + lib/) starts here.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
