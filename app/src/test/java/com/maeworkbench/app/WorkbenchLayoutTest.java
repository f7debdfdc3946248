package com.maeworkbench.app;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.DicomExportDialog;
import com.maeworkbench.app.view.ImageInfoDialog;
import com.maeworkbench.app.view.ImagePanel;
import com.maeworkbench.app.view.ModelInfoDialog;
import com.maeworkbench.app.view.SampleGallery;
import com.maeworkbench.app.view.StatusBarView;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.method.RestorationMethod;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.Labeled;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window as a clinician sees it, from 1024x700 to 1920x1080, headless: the disclaimer always in view,
 * no label cut in the panels, the status bar or the provenance dialog, the model's name outside the tool
 * bar's overflow, and a gallery of equal cards.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchLayoutTest {

    private Workbench workbench;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage);
        stage.setMaximized(false);
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.show();
        workbench.startUp(List.of(TestAssets.sample("brain-proton-density.png").toString()));
    }

    @AfterEach
    void tearDown() {
        workbench.close();
    }

    private void waitComparable() throws Exception {
        assertTrue(workbench.startupModel().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "model loads");
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "sample opens");
        WorkbenchState state = workbench.state();
        waitFor("every method current", () -> state.comparableProperty().get()
                && state.methods().stream().anyMatch(m -> m instanceof MaeMethod));
    }

    private void resize(double w, double h) throws Exception {
        fx(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void nothingIsCutFrom1024x700To1920x1080() throws Exception {
        waitComparable();
        for (double[] size : new double[][]{{1024, 700}, {1600, 1000}, {1920, 1080}}) {
            resize(size[0], size[1]);
            String at = (int) size[0] + "x" + (int) size[1];
            Scene scene = fx(() -> stage.getScene());
            assertEquals(size[0], fx(scene::getWidth), 1, at);
            assertEquals(size[1], fx(scene::getHeight), 1, at);
            List<String> cuts = fx(() -> {
                List<String> all = new ArrayList<>();
                for (ImagePanel p : workbench.grid().panels()) all.addAll(LabelCuts.in(p));
                Parent status = (Parent) scene.lookup("#status-bar");
                all.addAll(LabelCuts.in(status));
                all.addAll(outside(status, scene));
                for (String id : new String[]{"#disclaimer", "#model-name", "#model-info"}) all.addAll(outside(scene.lookup(id), scene));
                return all;
            });
            assertEquals(List.of(), cuts, "cut at " + at);
            assertEquals(StatusBarView.DISCLAIMER, fx(() -> ((Labeled) scene.lookup("#disclaimer")).getText()));
            assertTrue(fx(() -> stage.getTitle()).contains("not for diagnostic use"), "the title says it too");
            // Every method panel shows its numbers and both timings, labelled.
            for (ImagePanel p : fx(() -> workbench.grid().panels())) {
                if (p.panelId().equals(WorkbenchState.ORIGINAL) || p.panelId().equals(WorkbenchState.MASKED)) continue;
                String facts = fx(() -> String.join(" · ", p.facts()));
                assertTrue(facts.contains("in mask: PSNR") && facts.contains("SSIM") && facts.contains("full run"), p.panelId() + ": " + facts);
            }
        }
    }

    @Test
    void provenanceDialogShowsEveryLabelWhole() throws Exception {
        waitComparable();
        Dialog<Void> dialog = fx(() -> ModelInfoDialog.show(stage, workbench.state()));
        try {
            WaitForAsyncUtils.waitForFxEvents();
            List<String> cuts = fx(() -> LabelCuts.in(dialog.getDialogPane()));
            assertEquals(List.of(), cuts);
            assertTrue(fx(() -> labels(dialog.getDialogPane())).contains(StatusBarView.DISCLAIMER), "the dialog carries the disclaimer");
            assertTrue(fx(() -> labels(dialog.getDialogPane())).contains("Training"), "keys read whole");
        } finally {
            fx(() -> {
                dialog.close();
                return null;
            });
        }
    }

    @Test
    void galleryIsAGridOfEqualCards() throws Exception {
        waitComparable();
        Dialog<Void> dialog = fx(() -> SampleGallery.show(stage, Assets.samples(), s -> { }));
        try {
            WaitForAsyncUtils.waitForFxEvents();
            List<Bounds> cards = fx(() -> dialog.getDialogPane().lookupAll(".sample-card").stream()
                    .map(n -> n.localToScene(n.getLayoutBounds())).toList());
            assertEquals(Assets.samples().size(), cards.size());
            assertTrue(cards.size() >= 3, "the bundled samples");
            for (Bounds b : cards) {
                assertEquals(cards.get(0).getWidth(), b.getWidth(), 0.5, "equal widths");
                assertEquals(cards.get(0).getHeight(), b.getHeight(), 0.5, "equal heights");
            }
            assertTrue(cards.get(0).getHeight() < 360, "a card is a thumbnail, not a page: " + cards.get(0));
            assertEquals(cards.get(0).getMinY(), cards.get(1).getMinY(), 0.5, "cards share a row");
            assertEquals(cards.get(0).getMinY(), cards.get(2).getMinY(), 0.5, "three to a row");
            assertEquals(List.of(), fx(() -> LabelCuts.in(dialog.getDialogPane())), "titles read whole");
            // Every thumbnail decodes, the DICOM one included (by the core, not JavaFX's Image).
            waitFor("thumbnails", () -> dialog.getDialogPane().lookupAll(".sample-thumb").stream()
                    .allMatch(t -> ((Parent) t).getChildrenUnmodifiable().get(0) instanceof ImageView v && v.getImage() != null));
        } finally {
            fx(() -> {
                dialog.close();
                return null;
            });
        }
    }

    @Test
    void sliceBarImageInfoAndDicomExportDialogsShowEveryLabelWhole(@TempDir Path dir) throws Exception {
        waitComparable();
        Path frames = DicomSamples.multiFrame(dir, 12);
        assertTrue(fx(() -> workbench.actions().open(frames)).get(FxWait.TIMEOUT_S, TimeUnit.SECONDS));
        waitFor("the multi-frame file, every method current", () -> frames.equals(workbench.state().getImagePath())
                && workbench.state().comparableProperty().get());
        fx(() -> {
            workbench.actions().goToSlice(11);
            return null;
        });
        waitFor("slice 12", () -> workbench.state().sliceIndexProperty().get() == 11);
        resize(1024, 700);
        Scene scene = fx(() -> stage.getScene());
        Parent bar = fx(() -> (Parent) scene.lookup("#slice-bar"));
        assertEquals("Slice 12 of 12", fx(() -> ((Labeled) scene.lookup("#slice-label")).getText()));
        assertEquals(List.of(), fx(() -> LabelCuts.in(bar)), "the slice bar at 1024x700");
        assertEquals(List.of(), fx(() -> outside(bar, scene)));
        for (ImagePanel p : fx(() -> workbench.grid().panels())) assertEquals(List.of(), fx(() -> LabelCuts.in(p)), p.panelId());

        Dialog<Void> info = fx(() -> ImageInfoDialog.show(stage, workbench.state()));
        try {
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(), fx(() -> LabelCuts.in(info.getDialogPane())));
            assertTrue(fx(() -> labels(info.getDialogPane())).contains("• MONOCHROME1 inverted: white is the highest value"));
            assertTrue(fx(() -> info.getDialogPane().getScene().getWindow().getHeight()) <= 700 + 1, "fits the smallest screen");
        } finally {
            fx(() -> {
                info.close();
                return null;
            });
        }

        Dialog<DicomExportDialog.Choice> export = fx(() -> {
            Dialog<DicomExportDialog.Choice> d = DicomExportDialog.create(stage, new DicomExportDialog.Offer(
                    java.util.Map.of("mae", "MAE", "bilinear", "Bilinear"), 12, 11));
            d.show();
            return d;
        });
        try {
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(), fx(() -> LabelCuts.in(export.getDialogPane())));
            assertEquals("The slice shown (12 of 12)", fx(() -> ((Labeled) export.getDialogPane().lookup("#dicom-current-slice")).getText()));
            assertTrue(fx(() -> export.getDialogPane().lookup("#dicom-all-slices").isVisible()));
        } finally {
            fx(() -> {
                export.close();
                return null;
            });
        }
    }

    /** The node must lie inside the window. */
    private static List<String> outside(Node node, Scene scene) {
        if (node == null) return List.of("missing node");
        Bounds b = node.localToScene(node.getLayoutBounds());
        boolean in = node.isVisible() && b.getMinX() >= -0.5 && b.getMinY() >= -0.5 && b.getMaxX() <= scene.getWidth() + 0.5
                && b.getMaxY() <= scene.getHeight() + 0.5 && b.getWidth() > 0;
        return in ? List.of() : List.of(node.getId() + " at " + b + " is not inside the " + scene.getWidth() + "x" + scene.getHeight() + " window");
    }

    private static List<String> labels(Parent root) {
        List<String> out = new ArrayList<>();
        for (Node n : root.lookupAll(".label")) if (n instanceof Labeled l) out.add(l.getText());
        return out;
    }

}
