package com.maeworkbench.app.view;

import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The overlay is built off the FX thread; edits made while it builds must still show once it arrives. */
class MaskOverlayTest {

    @BeforeAll
    static void fx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void editsDuringABuildAreReplayed() throws Exception {
        MaskOverlay overlay = new MaskOverlay();
        Mask mask = Mask.empty(300, 200);
        mask.missing()[10 * 300 + 10] = true;
        WaitForAsyncUtils.asyncFx(() -> {
            overlay.update(mask, new Region(0, 0, 300, 200));
            assertNull(overlay.imageProperty().get()); // the build runs elsewhere
            // Painted while the build runs, after its snapshot was taken.
            mask.missing()[150 * 300 + 250] = true;
            overlay.update(mask, new Region(250, 150, 1, 1));
        }).get(5, TimeUnit.SECONDS);
        Image img = waitForImage(overlay);
        PixelReader px = img.getPixelReader();
        assertEquals(300, (int) img.getWidth());
        assertEquals(0xFF, px.getArgb(10, 10) >>> 24);
        assertEquals(0xFF, px.getArgb(250, 150) >>> 24, "the edit made during the build is missing");
        assertEquals(0, px.getArgb(11, 10) >>> 24);
    }

    @Test
    void aNewerImageWinsOverAnOlderBuild() throws Exception {
        MaskOverlay overlay = new MaskOverlay();
        Mask small = Mask.empty(40, 30), large = Mask.empty(500, 400);
        WaitForAsyncUtils.asyncFx(() -> {
            overlay.update(small, new Region(0, 0, 40, 30));
            overlay.update(large, new Region(0, 0, 500, 400));
        }).get(5, TimeUnit.SECONDS);
        Image img = waitForImage(overlay);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS); // a stale small build must not replace it
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(500, (int) overlay.imageProperty().get().getWidth());
        assertSame(img, overlay.imageProperty().get());
    }

    @Test
    void aWholeMaskEditOfABigImageIsDrawnOffTheFxThreadWhileTheOldOverlayStays() throws Exception {
        MaskOverlay overlay = new MaskOverlay();
        Mask mask = Mask.empty(1200, 1000); // 1.2 M pixels: above what the FX thread rewrites itself
        mask.missing()[5] = true;
        WaitForAsyncUtils.asyncFx(() -> overlay.update(mask, new Region(0, 0, 1200, 1000))).get(5, TimeUnit.SECONDS);
        Image first = waitForImage(overlay);
        assertEquals(0xFF, first.getPixelReader().getArgb(5, 0) >>> 24);
        WaitForAsyncUtils.asyncFx(() -> {
            java.util.Arrays.fill(mask.missing(), false); // "clear"
            mask.missing()[7] = true;
            overlay.update(mask, new Region(0, 0, 1200, 1000));
            assertSame(first, overlay.imageProperty().get(), "the old overlay stays while the new one is drawn");
            assertEquals(0xFF, first.getPixelReader().getArgb(5, 0) >>> 24, "and the FX thread did not rewrite it");
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> overlay.imageProperty().get() != first);
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader px = overlay.imageProperty().get().getPixelReader();
        assertEquals(0, px.getArgb(5, 0) >>> 24);
        assertEquals(0xFF, px.getArgb(7, 0) >>> 24);
    }

    private static Image waitForImage(MaskOverlay overlay) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> overlay.imageProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Image img = overlay.imageProperty().get();
        assertNotNull(img);
        return img;
    }
}
