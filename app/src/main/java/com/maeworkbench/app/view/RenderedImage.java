package com.maeworkbench.app.view;

import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.state.ViewArea;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Region;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A displayed image backed by a {@link PixelBuffer}: pixels are computed on a shared render thread and
 * copied into the buffer on the FX thread (a memcpy), so updates neither flicker nor allocate a new
 * Image. The same {@link WritableImage} may be shown by several ImageViews at once.
 * <p>
 * Only what the view needs is drawn: the part on screen with a margin of half a screen each way (so a pan
 * rarely uncovers undrawn pixels), one pixel per block of image pixels where the zoom shows less than one
 * screen pixel each. A 24 MP photo fitted into a panel thus costs a few hundred thousand pixels per update,
 * not 24 million, and a pan within the margin costs nothing.
 */
final class RenderedImage {

    private static final ExecutorService RENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "render");
        t.setDaemon(true);
        return t;
    });
    /** Longest side drawn while the view is not laid out yet (the first frame of a newly opened image). */
    static final int UNLAID_MAX_SIDE = 1024;

    private enum Kind { WINDOWED, DIFFERENCE, MAGNITUDE }

    /** What to draw: {@code reference} is the original for {@link Kind#DIFFERENCE}. */
    private record Job(Kind kind, FloatImage image, FloatImage reference, DisplayWindow window, Runnable onShown) {
    }

    /** The drawn part of an image: {@link #crop} of it, one pixel per {@link #level}² block. */
    static final class Drawn extends WritableImage {
        final Region crop;
        final int level;

        private Drawn(PixelBuffer<IntBuffer> buffer, Region crop, int level) {
            super(buffer);
            this.crop = crop;
            this.level = level;
        }
    }

    private final PerfLog perf;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>();
    private final AtomicReference<Job> pending = new AtomicReference<>();
    private volatile ViewArea view;
    private Job last; // FX thread: the newest job asked for, redrawn when the view leaves what it drew
    private PixelBuffer<IntBuffer> buffer;

    RenderedImage(PerfLog perf) {
        this.perf = perf;
    }

    ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** Draws {@code img} through {@code window}; {@code onShown} runs on the FX thread once it is visible. */
    void show(FloatImage img, DisplayWindow window, Runnable onShown) {
        submit(new Job(Kind.WINDOWED, img, null, window, onShown));
    }

    /** Draws the heatmap of |img - reference|, scaled to the display {@code window}. */
    void showDifference(FloatImage img, FloatImage reference, DisplayWindow window, Runnable onShown) {
        submit(new Job(Kind.DIFFERENCE, img, reference, window, onShown));
    }

    /** Draws a one-plane map of magnitudes as a heatmap on the difference heatmap's scale under {@code window}. */
    void showMagnitude(FloatImage map, DisplayWindow window) {
        submit(new Job(Kind.MAGNITUDE, map, null, window, null));
    }

    /** The view moved or zoomed (FX thread): redraws when the drawn part no longer covers it at a fitting level. */
    void follow(ViewArea area) {
        view = area;
        if (last == null || area == null || !(image.get() instanceof Drawn d) || d.crop == null) return;
        Region visible = area.visible();
        boolean covered = visible.isEmpty() || visible.intersection(d.crop).equals(visible);
        // Too coarse shows blocks, needlessly fine costs time; between the two it stays, so panels of slightly
        // different sizes cannot keep asking for each other's level.
        int want = level(area.scale());
        if (!covered || d.level > want || d.level < want / 2) submit(new Job(last.kind, last.image, last.reference, last.window, null));
    }

    void clear() {
        pending.set(null);
        last = null;
        image.set(null);
        buffer = null;
    }

    private void submit(Job job) {
        last = job;
        // Newest wins: a job replaced before the render thread reaches it is never drawn.
        if (pending.getAndSet(job) == null) RENDER.execute(this::render);
    }

    /** Image pixels per drawn pixel at {@code scale} screen pixels per image pixel: finer would not show. */
    static int level(double scale) {
        return scale >= 1 ? 1 : Math.max(1, (int) Math.floor(1 / scale));
    }

    /** The part of a {@code width x height} image to draw for {@code area}, and at which level. */
    static Region crop(ViewArea area, int width, int height) {
        Region all = new Region(0, 0, width, height);
        if (area == null || area.visible().isEmpty()) return all;
        Region v = area.visible();
        int level = level(area.scale());
        int x0 = Math.max(0, v.x() - v.width() / 2) / level * level, y0 = Math.max(0, v.y() - v.height() / 2) / level * level;
        int x1 = Math.min(width, v.right() + v.width() / 2), y1 = Math.min(height, v.bottom() + v.height() / 2);
        return new Region(x0, y0, x1 - x0, y1 - y0);
    }

    private void render() {
        Job job = pending.getAndSet(null);
        if (job == null) return;
        FloatImage img = job.image;
        ViewArea area = view;
        Region crop = crop(area, img.width(), img.height());
        int level = area == null ? Math.max(1, (Math.max(img.width(), img.height()) + UNLAID_MAX_SIDE - 1) / UNLAID_MAX_SIDE)
                : level(area.scale());
        int w = Renderer.width(crop, level), h = Renderer.height(crop, level);
        int[] pixels = new int[w * h];
        switch (job.kind) {
            case WINDOWED -> Renderer.window(img, job.window, crop, level, pixels);
            case DIFFERENCE -> Renderer.difference(img, job.reference, job.window, crop, level, pixels);
            case MAGNITUDE -> Renderer.magnitude(img, job.window, crop, level, pixels);
        }
        Platform.runLater(() -> {
            apply(crop, level, w, h, pixels, job.onShown);
            if (view != area) follow(view); // the view moved while this was drawn
        });
    }

    private void apply(Region crop, int level, int w, int h, int[] pixels, Runnable onShown) {
        PerfLog.Mark t0 = PerfLog.mark();
        if (!(image.get() instanceof Drawn d) || buffer == null || d.level != level || !d.crop.equals(crop)) {
            IntBuffer ib = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            buffer = new PixelBuffer<>(w, h, ib, PixelFormat.getIntArgbPreInstance());
            buffer.getBuffer().put(0, pixels);
            image.set(new Drawn(buffer, crop, level));
        } else {
            buffer.updateBuffer(b -> {
                b.getBuffer().duplicate().clear().put(0, pixels); // see MaskOverlay.write: the renderer moves the limit
                return null; // whole image dirty
            });
        }
        perf.fx("copy of rendered pixels", t0);
        if (onShown != null) onShown.run();
    }
}
