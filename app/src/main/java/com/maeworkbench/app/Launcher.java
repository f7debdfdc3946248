package com.maeworkbench.app;

import com.maeworkbench.app.service.AppLog;
import com.maeworkbench.cli.RestoreCli;
import javafx.application.Application;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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

    // JavaFX prints the trace of each native library it cannot load before it gives up: until the toolkit is
    // up, stderr is held back, then replayed to the terminal, or on failure written to the log only.
    private static PrintStream terminal;             // guarded by Launcher.class; set while stderr is held
    private static ByteArrayOutputStream held;       // guarded by Launcher.class

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && "--self-test".equals(args[0])) {
            System.setProperty("java.awt.headless", "true");
            System.exit(RestoreCli.run("self-test"));
        }
        AppLog.install();
        String advice = StartupAdvice.beforeStart(System.getProperty("os.name", ""), System.getenv("DISPLAY"), System.getProperty("glass.platform"));
        if (advice != null) fail(advice, null, "");
        holdStderr();
        try {
            Application.launch(WorkbenchApp.class, args);
        } catch (RuntimeException | LinkageError e) {
            String heldBack = releaseStderr();
            advice = StartupAdvice.of(e);
            if (advice == null) { // not the window system: a bug, whose trace is wanted
                System.err.print(heldBack);
                throw e;
            }
            fail(advice, e, heldBack);
        }
    }

    /** Called once the toolkit is up: what JavaFX printed meanwhile goes to the terminal after all. */
    static void toolkitStarted() {
        System.err.print(releaseStderr());
    }

    private static void fail(String advice, Throwable e, String heldBack) {
        AppLog.fileOnly("the window system did not start: " + advice + (heldBack.isEmpty() ? "" : "\nJavaFX printed:\n" + heldBack), e);
        System.err.println("mae-workbench: " + advice);
        System.exit(Integer.getInteger("mae.startFailureStatus", 1));
    }

    private static synchronized void holdStderr() {
        terminal = System.err;
        held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
    }

    /** Restores the terminal's stderr; returns what was held back (empty when nothing was held). */
    private static synchronized String releaseStderr() {
        if (terminal == null) return "";
        System.err.flush();
        System.setErr(terminal);
        terminal = null;
        String text = held.toString(StandardCharsets.UTF_8);
        held = null;
        return text;
    }
}
