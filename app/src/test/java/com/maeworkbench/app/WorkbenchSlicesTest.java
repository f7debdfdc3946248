package com.maeworkbench.app;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.ImagePanel;
import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.method.RestorationMethod;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slices of a multi-frame DICOM file (12 frames written by pydicom) and of a folder's series (pydicom's CT5N) as
 * a user moves through them, headless, with the real methods and model: Page Up/Down, Home/End and the slider,
 * the window kept, every panel recomputed per slice, masks shared or per slice, the coverage warning on a fully
 * masked slice, and the image info.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchSlicesTest {

    private static final int FRAMES = 12;
    @TempDir
    static Path dir;
    private static Path frames;
    private Workbench workbench;

    @BeforeAll
    static void files() throws Exception {
        frames = DicomSamples.multiFrame(dir, FRAMES);
    }

    @Start
    void start(Stage stage) {
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage, new ScriptedDialogs());
        stage.show();
        workbench.startUp(List.of(frames.toString()));
    }

    @AfterEach
    void tearDown() {
        workbench.close();
    }

    private WorkbenchState state() {
        return workbench.state();
    }

    /** Slice {@code index} is shown and every available method (the MAE included) has numbers for its mask. */
    private void waitMeasured(int index) throws Exception {
        waitFor("every method measured on slice " + (index + 1), () -> {
            if (state().getSliceStack() == null || state().sliceIndexProperty().get() != index
                    || state().methods().stream().noneMatch(m -> m instanceof MaeMethod)) return false;
            for (RestorationMethod m : state().methods()) {
                MethodResult r = state().results().get(m.id());
                if (m.availability().available() && !state().isCurrent(r)) return false;
            }
            return true;
        });
    }

    private String sliceLabel() throws Exception {
        return fx(() -> ((Label) workbench.stage().getScene().lookup("#slice-label")).getText());
    }

    private void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        robot.release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void keysAndTheSliderMoveThroughTheFramesKeepingTheUsersWindow(FxRobot robot) throws Exception {
        waitMeasured(0);
        assertEquals("Slice 1 of 12", sliceLabel());
        assertTrue(fx(() -> workbench.stage().getScene().lookup("#slice-bar").isVisible()));
        MethodResult maeOnFirst = fx(() -> state().results().get("mae"));
        // The user's window: L 40 W 400 HU (this file is MONOCHROME1: the calibration runs backwards).
        Calibration hu = fx(() -> state().getImage().calibration());
        double a = hu.toNormalised(-160), b = hu.toNormalised(240);
        DisplayWindow set = new DisplayWindow(Math.min(a, b), Math.max(a, b));
        fx(() -> {
            state().windowProperty().set(set);
            return null;
        });

        press(robot, KeyCode.PAGE_DOWN);
        waitMeasured(1);
        assertEquals("Slice 2 of 12", sliceLabel());
        assertEquals(1, fx(() -> state().getImage().source().frame()), "frame 1 of the file");
        assertEquals(set, fx(() -> state().windowProperty().get()), "the window stays as the user set it");
        assertNotSame(maeOnFirst.image(), fx(() -> state().results().get("mae").image()), "the MAE ran again on the new slice");
        assertTrue(fx(() -> workbench.grid().panel("mae").orElseThrow().facts()).stream().anyMatch(f -> f.startsWith("full run")));

        press(robot, KeyCode.END);
        waitFor("the last slice", () -> state().sliceIndexProperty().get() == FRAMES - 1);
        assertEquals("Slice 12 of 12", sliceLabel());
        press(robot, KeyCode.PAGE_DOWN);
        assertEquals(FRAMES - 1, (int) fx(() -> state().wantedSliceProperty().get()), "no slice after the last");
        press(robot, KeyCode.HOME);
        waitFor("the first slice", () -> state().sliceIndexProperty().get() == 0);
        press(robot, KeyCode.PAGE_UP);
        assertEquals(0, (int) fx(() -> state().wantedSliceProperty().get()));

        Slider slider = fx(() -> (Slider) workbench.stage().getScene().lookup("#slice-slider"));
        fx(() -> {
            slider.setValue(6);
            return null;
        });
        waitMeasured(6);
        assertEquals("Slice 7 of 12", sliceLabel());
        assertEquals(6, fx(() -> state().getImage().source().frame()));
        assertEquals(set, fx(() -> state().windowProperty().get()));
    }

    @Test
    void aSeriesFolderOpensWholeInSliceOrderWithPositions(FxRobot robot) throws Exception {
        waitMeasured(0);
        Path series = DicomSamples.ctSeries(dir.resolve("series-test"));
        assertTrue(fx(() -> workbench.actions().open(series)).get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        waitMeasured(0);
        SliceStack stack = fx(() -> state().getSliceStack());
        assertEquals(5, stack.size());
        assertEquals("Image Position (Patient) along the slice normal", stack.order());
        assertEquals("Slice 1 of 5 · position −1.24 mm", sliceLabel());
        assertEquals(series.resolve("3353"), fx(() -> state().getImagePath()), "the lowest slice first, not the first file by name");
        press(robot, KeyCode.PAGE_DOWN);
        waitMeasured(1);
        assertEquals("Slice 2 of 5 · position 1.26 mm", sliceLabel());
        assertEquals(series.resolve("3023"), fx(() -> state().getImagePath()));
        assertTrue(fx(() -> workbench.stage().getTitle()).startsWith("3023 — "), "the title names the slice's file");
    }

    @Test
    void masksPerSliceOrSharedAndTheCoverageWarningOnAFullyMaskedSlice(FxRobot robot) throws Exception {
        waitMeasured(0);
        Mask opened = fx(() -> state().getMask().copy());
        CheckBox perSlice = fx(() -> (CheckBox) workbench.stage().getScene().lookup("#mask-per-slice"));
        assertTrue(fx(perSlice::isVisible), "offered for a multi-frame file");
        fx(() -> {
            state().maskPerSliceProperty().set(false); // the choice is remembered: another run may have left it on
            return null;
        });
        robot.clickOn(perSlice);
        assertTrue(fx(() -> state().maskPerSliceProperty().get()));

        fx(() -> {
            workbench.actions().goToSlice(3);
            return null;
        });
        waitMeasured(3);
        // Slice 4 fully masked, with the keys: clear, then invert.
        robot.clickOn("#slice-label"); // the window has the focus, no text field
        press(robot, KeyCode.DELETE);
        press(robot, KeyCode.I);
        assertEquals(128 * 128, (int) fx(() -> state().getMask().count()));
        waitMeasured(3);
        String warning = MaskCoverage.of(fx(() -> state().getMask())).warning();
        assertTrue(warning != null && !warning.isEmpty());
        assertEquals(warning, maskedNote(), "the masked panel says why no method is ranked");
        assertFalse(fx(() -> state().comparableProperty().get()), "no ranking on a fully masked slice");
        assertNull(fx(() -> state().bestMethodProperty().get()));

        press(robot, KeyCode.PAGE_DOWN);
        waitMeasured(4);
        assertTrue(fx(() -> state().getMask().sameContent(opened)), "slice 5 has not been edited: the shared mask");
        assertNull(maskedNote(), "and no warning");
        waitFor("a ranking again", () -> state().comparableProperty().get());

        press(robot, KeyCode.PAGE_UP);
        waitMeasured(3);
        assertEquals(128 * 128, (int) fx(() -> state().getMask().count()), "slice 4 kept its own mask");
        assertEquals(warning, maskedNote());
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(0, (int) fx(() -> state().getMask().count()), "and its own undo history: back to the cleared mask");

        robot.clickOn(perSlice);
        waitMeasured(3);
        assertTrue(fx(() -> state().getMask().sameContent(opened)), "shared again: every slice shows the shared mask");
    }

    private String maskedNote() throws Exception {
        return fx(() -> {
            ImagePanel masked = workbench.grid().panel(WorkbenchState.MASKED).orElseThrow();
            for (Node n : masked.lookupAll(".panel-note")) if (n.isVisible()) return ((Labeled) n).getText();
            return null;
        });
    }

    @Test
    void imageInfoSaysWhatDecodingDidToThePixels(FxRobot robot) throws Exception {
        waitMeasured(0);
        String tip = fx(() -> ((javafx.scene.control.Button) workbench.stage().getScene().lookup("#image-info-button")).getTooltip().getText());
        assertTrue(tip.contains("MONOCHROME1 inverted") && tip.contains("frame 1 of 12"), tip);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.I);
        DialogPane pane = robot.lookup("#image-info-dialog").queryAs(DialogPane.class);
        String text = fx(() -> String.join("\n", pane.lookupAll(".label").stream().map(n -> ((Labeled) n).getText()).toList()));
        for (String expected : List.of("DICOM (explicit VR little endian)", "128 × 128 px, gray", "12 bits stored",
                "1 of 12 in the file (the CLI's --frame 0)", "• 12 of 16 allocated bits stored (high bit 11), other bits ignored",
                "• signed values offset by 2048 so level 0 is the most negative (-2048)", "• MONOCHROME1 inverted: white is the highest value",
                "• rescaled to HU = 1 x stored - 1024", frames.toAbsolutePath().toString())) {
            assertTrue(text.contains(expected), "'" + expected + "' in\n" + text);
        }
        assertEquals(List.of(), fx(() -> LabelCuts.in(pane)));
        // It follows the slice shown.
        fx(() -> {
            workbench.actions().goToSlice(4);
            return null;
        });
        waitFor("slice 5's info", () -> pane.lookupAll(".label").stream().anyMatch(n -> "5 of 12 in the file (the CLI's --frame 4)".equals(((Labeled) n).getText())));
        fx(() -> {
            pane.getScene().getWindow().hide();
            return null;
        });
    }
}
