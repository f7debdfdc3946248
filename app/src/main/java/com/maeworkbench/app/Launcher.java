package com.maeworkbench.app;

import com.maeworkbench.app.service.AppLog;
import com.maeworkbench.cli.RestoreCli;
import javafx.application.Application;

/**
 * Entry point (class path, the installer's launcher and {@code javafx:run}). The JDK launcher refuses a main
 * class that extends {@link Application} when JavaFX is not on the module path, and when it is, it starts the
 * toolkit itself, before any code of ours could explain a failure; so every start goes through here.
 *
 * <p>{@code --self-test} runs the headless install check of the CLI instead of the UI: it must be handled
 * before any JavaFX class is touched, so that it works without a display (installer CI, servers).
 *
 * <p>When the window system cannot start (no display, no GTK) it prints one line saying what to set or
 * install, logs the details, and exits with status 1, or with system property {@code mae.startFailureStatus}
 * (the Maven run sets 0, so that Maven does not bury the line under its own stack trace and banner).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && "--self-test".equals(args[0])) {
            System.setProperty("java.awt.headless", "true");
            System.exit(RestoreCli.run("self-test"));
        }
        AppLog.install();
        try {
            Application.launch(WorkbenchApp.class, args);
        } catch (RuntimeException | LinkageError e) {
            String advice = StartupAdvice.of(e);
            if (advice == null) throw e; // not the window system: a bug, whose trace is wanted (and logged)
            AppLog.fileOnly("the window system did not start: " + advice, e);
            System.err.println("mae-workbench: " + advice);
            System.exit(Integer.getInteger("mae.startFailureStatus", 1));
        }
    }
}
