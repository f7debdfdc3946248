package com.maeworkbench.app.view;

import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
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

/**
 * The mask as a translucent-capable overlay image. Brush steps rewrite only the rectangle they touched,
 * on the FX thread, so painting stays far below a frame's budget even on large images.
 */
final class MaskOverlay {

    /** Premultiplied ARGB of a masked pixel; the view's opacity sets how much of the image shows through. */
    private static final int HOLE = 0xFF262A33;

    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>();
    private PixelBuffer<IntBuffer> buffer;

    ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    void update(Mask mask, Region region) {
        if (mask == null) {
            buffer = null;
            image.set(null);
            return;
        }
        if (buffer == null || buffer.getWidth() != mask.width() || buffer.getHeight() != mask.height()) {
            IntBuffer ib = ByteBuffer.allocateDirect(mask.width() * mask.height() * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            buffer = new PixelBuffer<>(mask.width(), mask.height(), ib, PixelFormat.getIntArgbPreInstance());
            write(mask, new Region(0, 0, mask.width(), mask.height()), ib);
            image.set(new WritableImage(buffer));
            return;
        }
        Region r = region.grow(0, mask.width(), mask.height());
        if (r.isEmpty()) return;
        buffer.updateBuffer(b -> {
            write(mask, r, b.getBuffer());
            return new Rectangle2D(r.x(), r.y(), r.width(), r.height());
        });
    }

    /** Row by row through a scratch array: bulk puts into the direct buffer are far cheaper than single ones. */
    private static void write(Mask mask, Region r, IntBuffer out) {
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
