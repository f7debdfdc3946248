package com.maeworkbench.app;

import com.maeworkbench.app.service.AppLogAccess;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help → Show log opens the end of the log file, newest line included, and names the file. */
@ExtendWith(ApplicationExtension.class)
class ShowLogUiTest {

    @TempDir
    static Path logs;
    private Workbench workbench;

    @Start
    void start(Stage stage) {
        AppLogAccess.install(logs);
        workbench = new Workbench(stage);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        workbench.close();
        AppLogAccess.uninstall();
    }

    @Test
    void helpShowLogShowsTheNewestLines(FxRobot robot) throws Exception {
        // A failure the user saw as a notification is in the log.
        WaitForAsyncUtils.asyncFx(() -> workbench.actions().open(logs.resolve("missing.png"))).get(10, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        robot.clickOn("Help").clickOn("Show log");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea text = robot.lookup("#log-text").queryAs(TextArea.class);
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Log file: " + logs.resolve("workbench.0.log"), pane.getHeaderText());
        assertTrue(text.getText().contains("MAE Workbench starting"), text.getText());
        assertTrue(text.getText().contains("WARNING [JavaFX Application Thread] com.maeworkbench.app.Notifier: Cannot open image: "), text.getText());
        assertTrue(text.getText().contains("missing.png"), text.getText());
    }
}
