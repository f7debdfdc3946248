package com.maeworkbench.app;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.DicomExportDialog;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.run;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File ▸ Export as DICOM, headless, with the real methods and model on real DICOM: off with the reason for a PNG
 * and for 32-bit RT dose, the slice shown written exactly as shown, every slice of a series with each slice's
 * own mask, and a long export's progress window with Cancel.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchDicomExportTest {

    @TempDir
    static Path dir;
    private static Path frames;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Workbench workbench;

    @BeforeAll
    static void files() throws Exception {
        frames = DicomSamples.multiFrame(dir, 6);
    }

    @Start
    void start(Stage stage) {
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage, dialogs);
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

    private void waitMeasured(Path image, int slice) throws Exception {
        waitFor("every method on " + image.getFileName() + " slice " + (slice + 1), () -> {
            if (!image.equals(state().getImagePath()) || state().sliceIndexProperty().get() != slice
                    || state().methods().stream().noneMatch(m -> m instanceof MaeMethod)) return false;
            for (RestorationMethod m : state().methods()) {
                if (m.availability().available() && !state().isCurrent(state().results().get(m.id()))) return false;
            }
            return true;
        });
    }

    private MenuItem exportItem() throws Exception {
        return fx(() -> {
            MenuBar bar = (MenuBar) workbench.stage().getScene().lookup(".menu-bar");
            for (Menu m : bar.getMenus()) for (MenuItem i : m.getItems()) if ("export-dicom".equals(i.getId())) return i;
            throw new AssertionError("no Export as DICOM item");
        });
    }

    private String lastNotice() throws Exception {
        return fx(() -> state().notifications().get(state().notifications().size() - 1));
    }

    @Test
    void offWithTheReasonForImagesThatAreNotDicomOrCannotBeWrittenBack() throws Exception {
        waitMeasured(frames, 0);
        assertFalse(fx(() -> exportItem().isDisable()), "a 12-bit DICOM file exports");
        assertEquals("Export as DICOM…", fx(() -> exportItem().getText()));

        Path png = TestAssets.sample("camera.png");
        assertTrue(run(() -> workbench.actions().open(png)));
        assertTrue(fx(() -> exportItem().isDisable()));
        assertEquals("Export as DICOM… (" + WorkbenchState.NOT_DICOM + ")", fx(() -> exportItem().getText()));
        assertFalse(run(() -> workbench.actions().exportDicom()), "the command refuses too (a shortcut, a script)");
        assertEquals("ERROR Cannot export as DICOM: " + WorkbenchState.NOT_DICOM, lastNotice());

        assertTrue(run(() -> workbench.actions().open(DicomSamples.pydicom("rtdose.dcm"))));
        assertEquals("Export as DICOM… (rtdose.dcm: DICOM export of 32-bit pixel data is not supported (write PNG or TIFF instead))",
                fx(() -> exportItem().getText()));
        assertTrue(fx(() -> exportItem().isDisable()));
        assertEquals(List.of(), dialogs.asked, "no dialog was opened");
    }

    @Test
    void theSliceShownIsWrittenExactlyAsShownAndConfirmedWithItsFullPath() throws Exception {
        waitMeasured(frames, 0);
        fx(() -> {
            workbench.actions().goToSlice(2);
            return null;
        });
        waitMeasured(frames, 2);
        Path out = Files.createDirectories(dir.resolve("shown"));
        dialogs.dicomChoices.add(new DicomExportDialog.Choice(List.of("bilinear", "mae"), false, false));
        dialogs.files.add(out);
        Map<String, MethodResult> shown = fx(() -> Map.copyOf(state().results()));
        Mask mask = fx(() -> state().getMask().copy());
        assertTrue(run(() -> workbench.actions().exportDicom()));

        DicomExportDialog.Offer offer = dialogs.dicomOffers.get(0);
        assertEquals(6, offer.slices());
        assertEquals(2, offer.current());
        assertEquals(fx(() -> state().methods().stream().filter(m -> m.availability().available()).map(RestorationMethod::id).toList()),
                new ArrayList<>(offer.methods().keySet()), "every available method, in panel order");
        assertEquals(List.of("Export as DICOM", "Export DICOM into folder"), dialogs.asked);
        for (String id : List.of("bilinear", "mae")) {
            Path file = out.resolve("ct-frames-" + id + ".dcm");
            DicomImage back = DicomImage.open(file, ImageFiles.DEFAULT_MAX_PIXELS);
            assertEquals(3, back.instanceNumber().orElseThrow(), "frame 2 of the source");
            FloatImage got = back.frame(0), expected = shown.get(id).image();
            double level = 1.0 / 4095;
            for (int p = 0; p < got.pixels(); p++) {
                assertEquals(expected.plane(0)[p], got.plane(0)[p], level / 2 + 1e-6, id + " pixel " + p + (mask.missing()[p] ? " (restored)" : ""));
            }
            assertEquals("MONOCHROME1 inverted: white is the highest value", got.source().transforms().stream()
                    .filter(t -> t.startsWith("MONOCHROME1")).findFirst().orElse(""), "written back as the source stores it");
        }
        assertEquals("2 DICOM files written (one series per method): " + out.toAbsolutePath(), lastNotice());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void everySliceOfASeriesIsWrittenWithItsOwnMask() throws Exception {
        waitMeasured(frames, 0);
        Path series = DicomSamples.ctSeries(dir.resolve("series-export"));
        assertTrue(run(() -> workbench.actions().open(series)));
        fx(() -> {
            state().maskPerSliceProperty().set(true);
            workbench.actions().goToSlice(2);
            return null;
        });
        waitMeasured(series.resolve("2693"), 2);
        fx(() -> {
            workbench.actions().masks().invert(); // slice 3 differs from the rest
            return null;
        });
        List<Mask> masks = fx(() -> {
            List<Mask> all = new ArrayList<>();
            for (int i = 0; i < state().getSliceStack().size(); i++) all.add(state().maskOfSlice(i).copy());
            return all;
        });
        assertFalse(masks.get(2).sameContent(masks.get(1)));
        SliceStack stack = fx(() -> state().getSliceStack());
        Path out = Files.createDirectories(dir.resolve("series-out"));
        dialogs.dicomChoices.add(new DicomExportDialog.Choice(List.of("bilinear", "mae"), true, true));
        dialogs.files.add(out);
        assertTrue(run(() -> workbench.actions().exportDicom()));
        assertEquals("10 DICOM files written (one series per method): " + out.toAbsolutePath(), lastNotice());
        RestorationMethod bilinear = fx(() -> state().methods().stream().filter(m -> m.id().equals("bilinear")).findFirst().orElseThrow());
        String seriesUid = null;
        for (int i = 0; i < stack.size(); i++) {
            Path file = out.resolve(stack.file(i).getFileName() + "-bilinear.dcm");
            DicomImage back = DicomImage.open(file, ImageFiles.DEFAULT_MAX_PIXELS);
            if (seriesUid == null) seriesUid = back.seriesUid();
            assertEquals(seriesUid, back.seriesUid(), "one series across the slices");
            FloatImage source = stack.slice(i).image().frame(0);
            FloatImage expected = bilinear.restore(source, masks.get(i));
            FloatImage got = back.frame(0);
            for (int p = 0; p < got.pixels(); p++) {
                assertEquals(expected.plane(0)[p], got.plane(0)[p], 0.5 / 65535 + 1e-6, "slice " + (i + 1) + " pixel " + p);
            }
            assertTrue(Files.isRegularFile(out.resolve(stack.file(i).getFileName() + "-mae.dcm")));
        }
    }

    @Test
    void aLongExportShowsProgressAndStopsOnCancel(FxRobot robot) throws Exception {
        waitMeasured(frames, 0);
        // 512x512 frames: every method on each takes seconds here, long enough to cancel by hand.
        Path big = DicomSamples.multiFrame(Files.createDirectories(dir.resolve("big")), 8, 4);
        assertTrue(run(() -> workbench.actions().open(big)));
        Path out = Files.createDirectories(dir.resolve("cancelled"));
        List<String> all = fx(() -> state().methods().stream().filter(m -> m.availability().available()).map(RestorationMethod::id).toList());
        dialogs.dicomChoices.add(new DicomExportDialog.Choice(all, true, false));
        dialogs.files.add(out);
        CompletableFuture<Boolean> done = fx(() -> workbench.actions().exportDicom());
        waitFor("the progress window", () -> robot.lookup("#export-progress-dialog").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        DialogPane pane = robot.lookup("#export-progress-dialog").queryAs(DialogPane.class);
        assertTrue(fx(() -> robot.lookup("#export-count").queryLabeled().getText()).matches("(Starting…|\\d+ of " + 8 * all.size() + " files written)"));
        assertEquals(List.of(), fx(() -> LabelCuts.in(pane)), "nothing cut in the progress window");
        robot.clickOn(fx(() -> (Button) pane.lookupButton(ButtonType.CANCEL)));
        assertFalse(done.get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        String notice = lastNotice();
        assertTrue(notice.matches("DICOM export cancelled: \\d+ of " + 8 * all.size() + " files written to "
                + java.util.regex.Pattern.quote(out.toAbsolutePath().toString())), notice);
        int written = Integer.parseInt(notice.replaceAll("^DICOM export cancelled: (\\d+) of.*", "$1"));
        assertTrue(written < 8 * all.size(), notice);
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(written, files.filter(p -> p.toString().endsWith(".dcm")).count(), "the files said, no half-written ones");
        }
        assertFalse(fx(() -> pane.getScene() != null && pane.getScene().getWindow().isShowing()), "the progress window closed");
        assertNull(fx(() -> workbench.actions().dicomExportRunning()), "nothing left running");
    }
}
