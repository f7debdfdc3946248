package com.maeworkbench.app.view;

import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
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
 */
final class RenderedImage {

    private static final ExecutorService RENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "render");
        t.setDaemon(true);
        return t;
    });

    private enum Kind { WINDOWED, DIFFERENCE, MAGNITUDE }

    /** What to draw: {@code reference} is the original for {@link Kind#DIFFERENCE}. */
    private record Job(Kind kind, FloatImage image, FloatImage reference, DisplayWindow window, Runnable onShown) {
    }

    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>();
    private final AtomicReference<Job> pending = new AtomicReference<>();
    private PixelBuffer<IntBuffer> buffer;

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

    void clear() {
        pending.set(null);
        image.set(null);
        buffer = null;
    }

    private void submit(Job job) {
        // Newest wins: a job replaced before the render thread reaches it is never drawn.
        if (pending.getAndSet(job) == null) RENDER.execute(this::render);
    }

    private void render() {
        Job job = pending.getAndSet(null);
        if (job == null) return;
        FloatImage img = job.image;
        int[] pixels = new int[img.pixels()];
        switch (job.kind) {
            case WINDOWED -> Renderer.window(img, job.window, pixels);
            case DIFFERENCE -> Renderer.difference(img, job.reference, job.window, pixels);
            case MAGNITUDE -> Renderer.magnitude(img, job.window, pixels);
        }
        Platform.runLater(() -> apply(img.width(), img.height(), pixels, job.onShown));
    }

    private void apply(int w, int h, int[] pixels, Runnable onShown) {
        if (buffer == null || buffer.getWidth() != w || buffer.getHeight() != h) {
            IntBuffer ib = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            buffer = new PixelBuffer<>(w, h, ib, PixelFormat.getIntArgbPreInstance());
            buffer.getBuffer().put(0, pixels);
            image.set(new WritableImage(buffer));
        } else {
            buffer.updateBuffer(b -> {
                b.getBuffer().duplicate().clear().put(0, pixels); // see MaskOverlay.write: the renderer moves the limit
                return null; // whole image dirty
            });
        }
        if (onShown != null) onShown.run();
    }
}
