package com.maeworkbench.app;

import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.ImagePanel;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench on a 3000x3000 16-bit radiograph-sized image, headless (Monocle), with the real model: the
 * original shows drawn at a level the panel can show (not 9 million pixels per panel), the MAE panel shows its
 * progress while it works, a new edit stops its stale run, and at 1:1 only the part on screen is drawn and a pan
 * within it draws nothing new.
 */
@ExtendWith(ApplicationExtension.class)
class BigImageUiTest {

    private static final int SIDE = 3000;
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        Path file = Files.createTempDirectory("big-image").resolve("radiograph-3000.png");
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) row[x] = (int) (32767 + 20000 * Math.sin(x / 97.0) * Math.cos(y / 61.0)) & 0xFFFF;
            r.setPixels(0, y, SIDE, 1, row);
        }
        ImageIO.write(img, "png", file.toFile());
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage);
        stage.show();
        workbench.startUp(List.of(file.toString()));
    }

    @AfterEach
    void tearDown() {
        workbench.close();
    }

    @Test
    void drawsWhatThePanelsShowRestoresWithProgressAndStopsStaleRuns(FxRobot robot) throws Exception {
        WorkbenchState state = workbench.state();
        assertTrue(workbench.startupModel().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "model loads");
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "the image opens");
        assertEquals(16, fx(() -> state.getImage().bitDepth()));
        waitFor("the original on screen", () -> state.imageShownProperty().get());
        assertFalse(Double.isNaN(fx(() -> workbench.perf().firstPixelsMillis())), "open -> first pixels is logged");

        ImagePanel original = fx(() -> workbench.grid().panel(WorkbenchState.ORIGINAL).orElseThrow());
        double zoom = fx(() -> workbench.grid().effectiveZoom());
        assertTrue(zoom < 0.5, "the image is fitted: zoom " + zoom);
        // Drawn whole at the panel's level: no more than twice the screen pixels a side, not 9 million per panel.
        waitFor("a render at the panel's level", () -> {
            int[] d = original.drawnPart();
            return d != null && d[2] == SIDE && d[4] <= Math.ceil(SIDE * zoom * 2);
        });

        ImagePanel mae = fx(() -> workbench.grid().panel("mae").orElseThrow());
        waitFor("the MAE panel's progress", () -> mae.progressText() != null);
        assertTrue(fx(mae::progressText).startsWith("MAE"), fx(mae::progressText));

        // A new edit (clear the mask) stops the stale full-image run.
        robot.moveTo(fx(() -> original.imageToScreen(SIDE / 2.0, SIDE / 2.0))).press(KeyCode.DELETE).release(KeyCode.DELETE);
        waitFor("a stale run stopped", () -> workbench.perf().summary().contains("stale runs stopped"));

        // 1:1: only the part on screen (and half a screen around it) is drawn, pixel for pixel.
        robot.press(KeyCode.DIGIT1).release(KeyCode.DIGIT1);
        waitFor("a 1:1 render of the part on screen", () -> {
            int[] d = original.drawnPart();
            return d != null && d[2] < SIDE && d[3] < SIDE && d[4] == d[2] && d[5] == d[3];
        });
        assertNotNull(fx(() -> state.viewAreaProperty().get()));
        int[] before = fx(original::drawnPart);
        // A short pan (right-drag 20 screen pixels) stays within the margin: the same render is moved, not redrawn.
        Point2D c = fx(() -> original.imageToScreen(SIDE / 2.0, SIDE / 2.0));
        robot.moveTo(c).press(MouseButton.SECONDARY).moveTo(c.add(20, 10)).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(fx(original::drawnPart)));
        double maxFx = fx(() -> workbench.perf().summary().lines().filter(l -> l.startsWith("longest FX")).count());
        assertEquals(1, maxFx, "the summary names the longest FX-thread handler");

        // A small image opened while zoomed into the middle of the big one: the old view must not crop it.
        assertTrue(fx(() -> workbench.actions().open(TestAssets.sample("brain-proton-density.png"))).get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        waitFor("the small image on screen", () -> state.imageShownProperty().get());
        int small = fx(() -> state.getImage().width());
        waitFor("the small image drawn within its bounds", () -> {
            int[] d = original.drawnPart();
            return d != null && d[0] >= 0 && d[2] > 0 && d[0] + d[2] <= small;
        });
    }
}
