package com.maeworkbench.app;

import com.maeworkbench.cli.RestoreCli;
import javafx.application.Application;

/**
 * Class-path entry point. The JDK launcher refuses a main class that extends {@link Application} when
 * JavaFX is not on the module path, so the installer layout (jar + lib/) starts here.
 *
 * <p>{@code --self-test} runs the headless install check of the CLI instead of the UI: it must be handled
 * before any JavaFX class is touched, so that it works without a display (installer CI, servers).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && "--self-test".equals(args[0])) {
            System.setProperty("java.awt.headless", "true");
            System.exit(RestoreCli.run("self-test"));
        }
        Application.launch(WorkbenchApp.class, args);
    }
}
