package com.maeworkbench.app;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.MethodTiming;
import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.ImagePanel;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench as a user drives it, headless (Monocle): real image files, the real MAE method and model,
 * the real classical methods.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {

    private Workbench workbench;

    @Start
    void start(Stage stage) {
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage);
        stage.show();
        workbench.startUp(List.of(TestAssets.sample("brain-proton-density.png").toString()));
    }

    @AfterEach
    void tearDown() {
        workbench.close();
    }

    private WorkbenchState state() {
        return workbench.state();
    }

    /** Every available method (the MAE included) has an image and metrics for the current mask. */
    private boolean allMeasured() {
        if (state().getImage() == null || state().methods().stream().noneMatch(m -> m instanceof MaeMethod)) return false;
        for (RestorationMethod m : state().methods()) {
            if (!m.availability().available()) continue;
            MethodResult r = state().results().get(m.id());
            if (r == null || r.metrics() == null) return false;
        }
        return true;
    }

    @Test
    void opensSamplePaintsStrokeUpdatesPanelsAndUndoes(FxRobot robot) throws Exception {
        assertTrue(workbench.startupModel().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "model loads: " + fx(() -> state().notifications()));
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "sample opens");
        waitFor("first results", this::allMeasured);
        assertTrue(fx(() -> state().methods().get(0)) instanceof MaeMethod, "the MAE panel comes first");

        Mask before = fx(() -> state().getMask().copy());
        FloatImage maeBefore = fx(() -> state().results().get("mae").image());
        List<String> maeLabelBefore = facts("mae");
        List<String> bilinearLabelBefore = facts("bilinear");
        long maeSeqBefore = fx(() -> state().results().get("mae").requestSeq());

        // A horizontal brush stroke across the middle of the masked panel, in image coordinates.
        double radius = fx(() -> state().brushRadiusProperty().get());
        double y = 108.5, x0 = 40.5, x1 = 140.5;
        fx(() -> {
            state().toolProperty().set(Tool.BRUSH);
            return null;
        });
        ImagePanel masked = fx(() -> workbench.grid().panel(WorkbenchState.MASKED).orElseThrow());
        Point2D a = fx(() -> masked.imageToScreen(x0, y)), b = fx(() -> masked.imageToScreen(x1, y));
        waitFor("a valid ranking", () -> state().comparableProperty().get());
        assertNotNull(fx(() -> state().bestMethodProperty().get()), "a winner once every panel has numbers for the mask");
        for (RestorationMethod m : fx(() -> List.copyOf(state().methods()))) {
            String badge = fx(() -> workbench.grid().panel(m.id()).orElseThrow().badge());
            assertTrue(badge != null && badge.matches("#\\d+ of \\d+"), m.id() + " shows its rank: " + badge);
        }
        robot.moveTo(a).press(MouseButton.PRIMARY);
        for (int i = 1; i <= 5; i++) robot.moveTo(a.add(b.subtract(a).multiply(i / 10.0)));
        // Mid-drag every panel's numbers belong to the previous mask: marked stale, and no winner named.
        assertNull(fx(() -> state().bestMethodProperty().get()), "no winner mid-drag");
        assertEquals("stale", fx(() -> workbench.grid().panel("bilinear").orElseThrow().badge()));
        assertEquals("stale", fx(() -> workbench.grid().panel("mae").orElseThrow().badge()));
        for (int i = 6; i <= 10; i++) robot.moveTo(a.add(b.subtract(a).multiply(i / 10.0)));
        robot.release(MouseButton.PRIMARY);

        waitFor("MAE result for the stroke", () -> state().results().get("mae").requestSeq() > maeSeqBefore && allMeasured());
        Mask after = fx(() -> state().getMask().copy());
        int changed = 0;
        double zoom = fx(() -> workbench.grid().effectiveZoom());
        double slack = 1.5 + 1 / zoom; // the robot lands on whole screen pixels
        for (int yy = 0; yy < after.height(); yy++) {
            for (int xx = 0; xx < after.width(); xx++) {
                if (before.isMissing(xx, yy) == after.isMissing(xx, yy)) continue;
                changed++;
                double px = xx + 0.5, py = yy + 0.5;
                double dx = px < x0 ? x0 - px : px > x1 ? px - x1 : 0, dy = py - y;
                assertTrue(Math.hypot(dx, dy) <= radius + slack, "pixel (" + xx + "," + yy + ") changed outside the stroke");
                assertTrue(after.isMissing(xx, yy), "the brush only adds to the mask");
            }
        }
        assertTrue(changed > 0, "the stroke changed the mask");
        assertNotEquals(maeBefore, fx(() -> state().results().get("mae").image()), "the MAE panel got a new image");
        waitFor("MAE label update", () -> !quality(facts("mae")).equals(quality(maeLabelBefore)));
        // The full run and the update after the edit are told apart, never one beside another method's full run.
        MethodTiming maeTiming = fx(() -> state().timings().get("mae"));
        assertTrue(maeTiming.fullRunMillis() > 0 && maeTiming.lastUpdateMillis() > 0, maeTiming.toString());
        waitFor("MAE timings shown", () -> facts("mae").stream().anyMatch(f -> f.startsWith("full run "))
                && facts("mae").stream().anyMatch(f -> f.startsWith("last update ")));
        waitFor("bilinear label update", () -> !quality(facts("bilinear")).equals(quality(bilinearLabelBefore)));

        // Holding Space shows the original in every panel, and every panel says so.
        robot.press(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> workbench.stage().getScene().lookup("#original-badge-mae").isVisible()), "Original (Space) badge");
        assertEquals("Original (Space)", fx(() -> ((javafx.scene.control.Label) workbench.stage().getScene().lookup("#original-badge-mae")).getText()));
        robot.release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> workbench.stage().getScene().lookup("#original-badge-mae").isVisible()));

        // Strokes painted on the original show there while the pointer is over it.
        ImagePanel original = fx(() -> workbench.grid().panel(WorkbenchState.ORIGINAL).orElseThrow());
        javafx.scene.Node hint = fx(() -> original.lookup("#mask-hint"));
        robot.moveTo(fx(() -> original.imageToScreen(10, 10)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(hint::isVisible), "the mask shows on the original under the pointer");
        robot.moveTo(b);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(hint::isVisible), "and the original is untouched otherwise");

        long seqAfterStroke = fx(() -> state().results().get("mae").requestSeq());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor("undo", () -> state().getMask().sameContent(before));
        waitFor("results after undo", () -> state().results().get("mae").requestSeq() > seqAfterStroke && allMeasured());
        waitFor("MAE numbers current", () -> state().isCurrent(state().results().get("mae")));
        assertEquals(quality(maeLabelBefore), quality(facts("mae")), "undo restores the MAE numbers");
    }

    @Test
    void unreadableFileShowsNotificationAndKeepsImage(FxRobot robot, @TempDir Path dir) throws Exception {
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        FloatImage shown = fx(() -> state().getImage());
        Path bad = dir.resolve("broken.png");
        Files.write(bad, new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertFalse(fx(() -> workbench.actions().open(bad)).get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(shown, fx(() -> state().getImage()), "the previous image stays");
        String last = fx(() -> state().notifications().get(state().notifications().size() - 1));
        assertTrue(last.startsWith("ERROR Cannot open image") && last.contains("broken.png"), last);
        assertTrue(robot.lookup(".notification-bar").tryQuery().isPresent(), "a notification popup is showing");
    }

    /** A panel's header facts (from any thread, the FX thread included). */
    private List<String> facts(String panel) throws Exception {
        Callable<List<String>> read = () -> workbench.grid().panel(panel).orElseThrow().facts();
        return javafx.application.Platform.isFxApplicationThread() ? read.call() : fx(read);
    }

    /** The PSNR and SSIM fact of a panel's header (the runtimes differ from run to run). */
    private static String quality(List<String> facts) {
        return facts.stream().filter(f -> f.startsWith("in mask: PSNR")).findFirst().orElse("no numbers in " + facts);
    }
}
