package com.maeworkbench.app.view;

import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The mask as a translucent-capable overlay image. Brush steps rewrite only the rectangle they touched,
 * on the FX thread, so painting stays far below a frame's budget even on large images. A whole new
 * overlay (a new image size, or an edit of more than {@link #FX_WRITE_MAX} pixels) is built off the FX thread: its first build runs cold code for tens of
 * milliseconds; edits made meanwhile are replayed onto it when it arrives.
 */
final class MaskOverlay {

    /** Premultiplied ARGB of a masked pixel; the view's opacity sets how much of the image shows through. */
    private static final int HOLE = 0xFF262A33;
    /** Larger edits (whole-mask ones on a big image) are drawn off the FX thread like a new overlay. */
    static final long FX_WRITE_MAX = 1 << 20;

    private static final Executor BUILDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mask-overlay");
        t.setDaemon(true);
        return t;
    });

    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>();
    private final Executor fx;
    private PixelBuffer<IntBuffer> buffer;
    private Mask latest;
    private long generation;          // of the newest full build asked for
    private boolean building;
    private int width, height;        // of the overlay shown or being built
    private Region pending = Region.EMPTY;

    MaskOverlay() {
        this(Platform::runLater);
    }

    MaskOverlay(Executor fx) {
        this.fx = fx;
    }

    ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    void update(Mask mask, Region region) {
        latest = mask;
        if (mask == null) {
            generation++;
            building = false;
            buffer = null;
            image.set(null);
            return;
        }
        if ((buffer == null && !building) || width != mask.width() || height != mask.height()) {
            build(mask);
        } else if (building) {
            pending = pending.union(region);
        } else if ((long) region.width() * region.height() > FX_WRITE_MAX) {
            build(mask); // e.g. clearing the mask of a 24 MP image: 160 ms on the FX thread, measured under load
        } else {
            write(mask, region);
        }
    }

    private void build(Mask mask) {
        long gen = ++generation;
        building = true;
        boolean sameSize = buffer != null && width == mask.width() && height == mask.height();
        width = mask.width();
        height = mask.height();
        pending = Region.EMPTY;
        if (!sameSize) { // else the old overlay stays until the new one replaces it
            buffer = null;
            image.set(null);
        }
        Mask snapshot = mask.copy(); // the brush keeps painting into the live mask meanwhile
        BUILDER.execute(() -> {
            int w = snapshot.width(), h = snapshot.height();
            IntBuffer ib = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            fill(snapshot, new Region(0, 0, w, h), ib);
            PixelBuffer<IntBuffer> built = new PixelBuffer<>(w, h, ib, PixelFormat.getIntArgbPreInstance());
            WritableImage img = new WritableImage(built);
            fx.execute(() -> {
                if (gen != generation) return; // a newer image or mask took over
                building = false;
                buffer = built;
                image.set(img);
                if (!pending.isEmpty() && latest != null) write(latest, pending);
                pending = Region.EMPTY;
            });
        });
    }

    private void write(Mask mask, Region region) {
        Region r = region.grow(0, mask.width(), mask.height());
        if (r.isEmpty()) return;
        buffer.updateBuffer(b -> {
            // A view of our own: the render thread moves the shared buffer's position and limit while it uploads
            // a dirty region, and an absolute put past that limit throws.
            fill(mask, r, b.getBuffer().duplicate().clear());
            return new Rectangle2D(r.x(), r.y(), r.width(), r.height());
        });
    }

    /** Row by row through a scratch array: bulk puts into the direct buffer are far cheaper than single ones. */
    private static void fill(Mask mask, Region r, IntBuffer buffer) {
        // Through a view of our own: the render thread may be uploading the last frame with the buffer's limit set to
        // its dirty rows (an absolute put checked that limit and failed once in WorkbenchUiTest).
        IntBuffer out = buffer.duplicate().clear();
        boolean[] m = mask.missing();
        int w = mask.width();
        int[] row = new int[r.width()];
        for (int y = r.y(); y < r.bottom(); y++) {
            int base = y * w + r.x();
            for (int x = 0; x < row.length; x++) row[x] = m[base + x] ? HOLE : 0;
            out.put(base, row);
        }
    }
}
