package com.maeworkbench.app;

import com.maeworkbench.app.present.PresentationScript;
import com.maeworkbench.app.present.Presenter;
import com.maeworkbench.app.state.UncertaintyResult;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.ImagePanel;
import com.maeworkbench.app.view.PresentationView;
import com.maeworkbench.app.view.StatusBarView;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.uncertainty.UncertaintyCalibration;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presentation mode driven by the keyboard, headless: F11 opens it full screen, the arrow keys step through the
 * bundled script (each step's image and mask applied, its view mode set), the four views and the disclaimer are
 * there and nothing is cut, down to a 1024x768 projector; the numbers are the panels' own; Space shows the original;
 * Esc leaves. A bad steps file says why and starts nothing.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationUiTest {

    private static final String[] VIEWS = {PresentationView.MASKED, PresentationView.MAE, PresentationView.BEST, PresentationView.UNCERTAINTY};
    private Workbench workbench;

    @Start
    void start(Stage stage) {
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage);
        stage.show();
        workbench.startUp(List.of(TestAssets.sample("astronaut.png").toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        fx(() -> {
            workbench.actions().presenter().stop();
            workbench.state().uncertaintyShownProperty().set(false);
            return null;
        });
        workbench.close();
    }

    private WorkbenchState state() {
        return workbench.state();
    }

    private Presenter presenter() {
        return workbench.actions().presenter();
    }

    @Test
    void stepsThroughTheScriptWithTheKeyboard(FxRobot robot) throws Exception {
        assertTrue(workbench.startupModel().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "model loads");
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "sample opens");
        ViewMode before = fx(() -> state().viewModeProperty().get());

        robot.press(KeyCode.F11).release(KeyCode.F11);
        waitFor("the presentation", () -> presenter().showing() && presenter().stage().isShowing());
        Stage shown = fx(() -> presenter().stage());
        assertTrue(fx(shown::isFullScreen), "full screen");
        assertTrue(fx(() -> state().presentingProperty().get()));
        List<PresentationScript.Step> steps = fx(() -> presenter().script().steps());
        assertEquals("presentation.json (bundled)", fx(() -> presenter().script().source()));

        boolean checkedNumbers = false;
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
            int index = i;
            PresentationScript.Step step = steps.get(i);
            waitFor("step " + (i + 1), () -> presenter().index() == index && presenter().applied().isDone());
            assertTrue(presenter().applied().get(), "step " + (i + 1) + " applied: " + fx(() -> state().notifications()));
            waitFor("step " + (i + 1) + "'s image and mask", () -> state().getImagePath() != null
                    && state().getImagePath().toAbsolutePath().normalize().equals(step.image().toAbsolutePath().normalize())
                    && MaskSpec.parse(step.mask()).generate(state().getImage().width(), state().getImage().height()).sameContent(state().getMask()));
            assertEquals(step.show() == PresentationScript.Show.DIFFERENCE ? ViewMode.DIFFERENCE : ViewMode.IMAGE, fx(() -> state().viewModeProperty().get()));
            assertEquals(step.show() == PresentationScript.Show.ORIGINAL, fx(() -> state().showOriginalProperty().get()), "step " + (i + 1));
            Scene scene = fx(shown::getScene);
            assertEquals(step.caption(), fx(() -> ((Labeled) scene.lookup("#present-caption")).getText()));
            assertEquals((i + 1) + " / " + steps.size(), fx(() -> ((Labeled) scene.lookup("#present-step")).getText()));
            for (String id : VIEWS) {
                assertNotNull(fx(() -> scene.lookup("#" + id)), id);
                waitFor(id + " drawn", () -> image(scene, id) != null);
            }
            assertDisclaimerWhole(scene);

            if (!checkedNumbers && step.image().getFileName().toString().equals("ct-small.dcm") && step.show() == PresentationScript.Show.RESTORED) {
                checkedNumbers = true;
                checkSameNumbersAsThePanels(scene);
            }
        }
        assertTrue(checkedNumbers, "a CT step was measured");

        // Space held: the original in every view; released: the step's own pictures again.
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        robot.press(KeyCode.HOME).release(KeyCode.HOME);
        waitFor("back at the first step", () -> presenter().index() == 0 && presenter().applied().isDone());
        Scene scene = fx(shown::getScene);
        robot.press(KeyCode.SPACE);
        waitFor("the original shown", () -> state().showOriginalProperty().get());
        Image original = fx(() -> image(scene, PresentationView.MASKED));
        for (String id : VIEWS) {
            assertSame(original, fx(() -> image(scene, id)), id + " shows the original");
            assertTrue(fx(() -> scene.lookup("#" + id + "-image").lookup(".original-badge").isVisible()), id + " says so");
        }
        robot.release(KeyCode.SPACE);
        waitFor("the restorations again", () -> !state().showOriginalProperty().get() && image(scene, PresentationView.MAE) != original);

        // A projector's sizes: nothing cut, the disclaimer whole.
        for (double[] size : new double[][]{{1280, 720}, {1024, 768}}) {
            fx(() -> {
                shown.setFullScreen(false);
                shown.setWidth(size[0]);
                shown.setHeight(size[1]);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            fx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                return null;
            });
            assertEquals(size[0], fx(scene::getWidth), 1);
            assertDisclaimerWhole(scene);
        }

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitFor("the presentation left", () -> !presenter().showing() && !shown.isShowing());
        assertFalse(fx(() -> state().presentingProperty().get()));
        assertEquals(before, fx(() -> state().viewModeProperty().get()), "the workbench's view mode back");
    }

    /** At a CT step: the views show the panels' numbers and the core's best classical method; the map is in HU. */
    private void checkSameNumbersAsThePanels(Scene scene) throws Exception {
        waitFor("every panel measured and the map current", () -> {
            UncertaintyResult u = state().uncertaintyProperty().get();
            return state().comparableProperty().get() && u != null && u.map() != null && u.maskSeq() == state().maskSeq();
        });
        WaitForAsyncUtils.waitForFxEvents();
        PresentationView view = fx(() -> presenter().view());
        String best = fx(() -> state().rankingProperty().get().bestClassical());
        assertEquals(best, fx(() -> view.panelOf(PresentationView.BEST)), "the best classical method by the core's ranking");
        for (String[] pair : new String[][]{{PresentationView.MAE, "mae"}, {PresentationView.BEST, best}, {PresentationView.MASKED, WorkbenchState.MASKED}}) {
            ImagePanel panel = fx(() -> workbench.grid().panel(pair[1]).orElseThrow());
            List<String> lines = new ArrayList<>();
            for (String f : fx(panel::facts)) {
                if (!f.startsWith("full run") && !f.startsWith("last update")) lines.addAll(Arrays.asList(f.split(" · ")));
            }
            assertEquals(lines, fx(() -> view.facts(pair[0])), pair[0] + " shows the panel's numbers");
            String badge = fx(panel::badge);
            assertEquals(badge == null ? "" : badge, fx(() -> ((Labeled) scene.lookup("#" + pair[0] + "-badge")).getText()), pair[0] + "'s rank");
        }
        List<String> uncertainty = fx(() -> view.facts(PresentationView.UNCERTAINTY));
        assertTrue(uncertainty.contains("calibrated"), uncertainty.toString());
        assertTrue(uncertainty.stream().anyMatch(f -> f.startsWith("predicted error in mask: RMS ") && f.endsWith("\u00a0HU")), "in HU: " + uncertainty);
        assertTrue(uncertainty.stream().anyMatch(f -> f.matches("computed in \\d+\\.\\d s, 3 MAE passes")), "its own timing: " + uncertainty);
        assertTrue(fx(() -> ((Labeled) scene.lookup("#present-uncertainty-full-scale")).getText()).endsWith("\u00a0HU"), "the colour bar in HU");

        // Which model, and what data the map's calibration was fitted on: the shipped sidecar's own words.
        ModelInfo info = fx(() -> state().modelInfoProperty().get());
        assertEquals("MAE model " + info.name() + " " + info.version(), fx(() -> ((Labeled) scene.lookup("#present-model")).getText()));
        String fittedOn = UncertaintyCalibration.read(UncertaintyCalibration.sidecarOf(TestAssets.model())).provenance().get("fitted_on");
        String calibration = fx(() -> ((Labeled) scene.lookup("#present-calibration")).getText());
        assertTrue(calibration.startsWith("uncertainty calibrated on ") && fittedOn.startsWith(calibration.substring("uncertainty calibrated on ".length())),
                calibration + " vs fitted_on=" + fittedOn);
        assertTrue(calibration.contains("val split"), "fitted on the validation split: " + calibration);
    }

    /**
     * Nothing cut and the disclaimer on screen once the layout has settled: a resize changes the type size (bound to
     * the width), which lays the view out again on the next pulse, so this looks for up to 5 s before it fails.
     */
    private void assertDisclaimerWhole(Scene scene) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> cuts;
        do {
            WaitForAsyncUtils.waitForFxEvents();
            cuts = fx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                List<String> all = new ArrayList<>(LabelCuts.in((Parent) scene.getRoot()));
                Node d = scene.lookup("#present-disclaimer");
                Bounds b = d.localToScene(d.getLayoutBounds());
                if (!d.isVisible() || b.getMinX() < 0 || b.getMinY() < 0 || b.getMaxX() > scene.getWidth() + 0.5 || b.getMaxY() > scene.getHeight() + 0.5) {
                    all.add("disclaimer at " + b + " outside the " + scene.getWidth() + "x" + scene.getHeight() + " screen");
                }
                return all;
            });
        } while (!cuts.isEmpty() && System.nanoTime() < end);
        assertEquals(List.of(), cuts, "at " + fx(scene::getWidth) + "x" + fx(scene::getHeight));
        assertEquals(StatusBarView.DISCLAIMER, fx(() -> ((Labeled) scene.lookup("#present-disclaimer")).getText()));
    }

    /** The image a view draws (its first ImageView). */
    private static Image image(Scene scene, String id) {
        Node picture = scene.lookup("#" + id + "-image");
        return picture == null ? null : ((ImageView) ((Parent) picture).getChildrenUnmodifiable().get(0)).getImage();
    }

    @Test
    void badStepsFileSaysWhyAndStartsNothing(@TempDir Path dir) throws Exception {
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        Path bad = dir.resolve("my-talk.json");
        Files.writeString(bad, "{\"steps\": [\n  {\"image\": \"camera\", \"mask\": \"patches:ratio=0.5\" \"show\": \"difference\"}\n]}\n");
        assertFalse(fx(() -> workbench.actions().presentFrom(bad)));
        String last = fx(() -> state().notifications().get(state().notifications().size() - 1));
        assertTrue(last.startsWith("ERROR Cannot start the presentation") && last.contains("my-talk.json") && last.contains("line 2"), last);
        assertFalse(fx(() -> presenter().showing()), "nothing starts");
        assertFalse(fx(() -> state().presentingProperty().get()));
    }
}
