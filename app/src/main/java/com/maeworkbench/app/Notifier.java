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

    private final WorkbenchState state;
    private Window owner;

    public Notifier(WorkbenchState state) {
        this.state = state;
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    public void error(String title, String cause) {
        log("ERROR " + title + ": " + cause, title + ": " + cause);
        popup(title, cause, true);
    }

    /** Routine news (e.g. a service's own confirmation): the status line and the log, no popup. */
    public void info(String title, String text) {
        log(title + ": " + text, title + ": " + text);
    }

    /** A file or folder written: its full path, and a button that shows it in the file manager. */
    public void saved(String title, Path target) {
        Path abs = target.toAbsolutePath();
        log(title + ": " + abs, title + ": " + abs);
        if (!showing()) return;
        Action show = new Action("Show in folder", e -> new Thread(() -> {
            try {
                ShowInFolder.open(abs);
            } catch (IOException | RuntimeException ex) {
                Platform.runLater(() -> error("Cannot show the folder", ex.getMessage()));
            }
        }, "show-in-folder").start());
        Notifications n = base(title, abs.toString()).hideAfter(Duration.seconds(8)).action(show);
        n.showInformation();
    }

    private void log(String entry, String status) {
        state.notifications().add(entry);
        state.statusProperty().set(status);
    }

    private void popup(String title, String text, boolean error) {
        if (!showing()) return;
        Notifications n = base(title, text).hideAfter(Duration.seconds(error ? 8 : 4));
        if (error) n.showError();
        else n.showInformation();
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
