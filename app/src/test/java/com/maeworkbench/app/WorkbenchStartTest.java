package com.maeworkbench.app;

import com.maeworkbench.app.view.StatusBarView;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Started on a folder with no image in it (a command-line argument): one clear message, never empty panels. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchStartTest {

    private Workbench workbench;
    private Path folder;

    @Start
    void start(Stage stage) {
        try {
            folder = Files.createTempDirectory("no-images");
            Files.writeString(folder.resolve("readme.txt"), "nothing to see");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage);
        stage.show();
        workbench.startUp(List.of(folder.toString()));
    }

    @AfterEach
    void tearDown() throws IOException {
        workbench.close();
        Files.deleteIfExists(folder.resolve("readme.txt"));
        Files.deleteIfExists(folder);
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFolderWithoutImagesSaysSoInsteadOfShowingEmptyPanels() throws Exception {
        assertFalse(workbench.startupImage().get(90, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(fx(() -> workbench.state().getImage()));
        assertEquals(List.of("ERROR Cannot open folder: " + folder + ": no image or DICOM file in it"),
                fx(() -> workbench.state().notifications().stream().filter(n -> n.startsWith("ERROR")).toList()));
        Node grid = fx(() -> workbench.stage().getScene().lookup("#panel-grid"));
        Node startup = fx(() -> workbench.stage().getScene().lookup("#startup-view"));
        assertFalse(fx(grid::isVisible), "no grid of empty panels");
        assertTrue(fx(startup::isVisible), "the start view says how to open an image");
        String shown = fx(() -> String.join("\n", startup.lookupAll(".label").stream().map(n -> ((Labeled) n).getText()).toList()));
        assertTrue(shown.contains("no image or DICOM file in it") && shown.contains("Ctrl+O"), shown);
        assertEquals(StatusBarView.DISCLAIMER, fx(() -> ((Labeled) workbench.stage().getScene().lookup("#disclaimer")).getText()));
    }
}
