package com.maeworkbench.app;

import com.maeworkbench.app.state.WorkbenchState;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows errors and confirmations as ControlsFX notifications over the main window, and logs them in the state. */
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
        show(title, cause, true);
    }

    public void info(String title, String text) {
        show(title, text, false);
    }

    private void show(String title, String text, boolean error) {
        LOG.log(error ? System.Logger.Level.WARNING : System.Logger.Level.INFO, title + ": " + text);
        state.notifications().add((error ? "ERROR " : "") + title + ": " + text);
        state.statusProperty().set(title + ": " + text);
        if (owner == null || !owner.isShowing()) return;
        Notifications n = Notifications.create().title(title).text(text).owner(owner)
                .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(error ? 8 : 4));
        n.styleClass("workbench-notification");
        if (error) n.showError();
        else n.showInformation();
    }
}
