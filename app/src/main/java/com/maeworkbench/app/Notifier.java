package com.maeworkbench.app;

import com.maeworkbench.app.state.WorkbenchState;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tells the user what happened: errors and saved files as ControlsFX notifications over the main window,
 * routine news in the status line only. Everything goes to the state's log, which the status bar's details
 * pop-over lists.
 */
public final class Notifier {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final WorkbenchState state;
    private Window owner;

    public Notifier(WorkbenchState state) {
        this.state = state;
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    public void error(String title, String cause) {
        record(true, title + ": " + cause);
        if (showing()) base(title, cause).hideAfter(Duration.seconds(8)).showError();
    }

    /** Routine news (e.g. a service's own confirmation): the status line and the log, no popup. */
    public void info(String title, String text) {
        record(false, title + ": " + text);
    }

    /** A file or folder written: its full path, and a button that shows it in the file manager. */
    public void saved(String title, Path target) {
        Path abs = target.toAbsolutePath();
        record(false, title + ": " + abs);
        if (!showing()) return;
        Action show = new Action("Show in folder", e -> new Thread(() -> {
            try {
                ShowInFolder.open(abs);
            } catch (IOException | RuntimeException ex) {
                Platform.runLater(() -> error("Cannot show the folder", ex.getMessage()));
            }
        }, "show-in-folder").start());
        base(title, abs.toString()).hideAfter(Duration.seconds(8)).action(show).showInformation();
    }

    /** The log file, the state's list (errors marked "ERROR ") and the status line. */
    private void record(boolean error, String line) {
        LOG.log(error ? System.Logger.Level.WARNING : System.Logger.Level.INFO, line);
        state.notifications().add((error ? "ERROR " : "") + line);
        state.statusProperty().set(line);
    }

    private boolean showing() {
        return owner != null && owner.isShowing();
    }

    private Notifications base(String title, String text) {
        Notifications n = Notifications.create().title(title).text(text).owner(owner).position(Pos.BOTTOM_RIGHT);
        n.styleClass("workbench-notification");
        return n;
    }
}
