package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.util.Arrays;

/**
 * Builds one model input tile: RGB planes (gray repeated three times) and the mask input, per patch or per
 * pixel as the model takes it. Pixels beyond the image edge mirror the image, mask included, so padding is
 * known context unless it mirrors masked pixels.
 */
final class TileInput {

    final float[] rgb;
    /** The model's mask input: {@code (S/p)^2} patch flags or {@code S*S} pixel flags, 1 = unknown. */
    final float[] mask;
    private final int tile;
    private final int patch;
    private final boolean perPixel;
    private final int[] srcX;
    private final int[] srcY;

    TileInput(int tile, int patch, MaskInput maskInput) {
        this.tile = tile;
        this.patch = patch;
        this.perPixel = maskInput == MaskInput.PIXEL;
        this.rgb = new float[3 * tile * tile];
        this.mask = new float[perPixel ? tile * tile : (tile / patch) * (tile / patch)];
        this.srcX = new int[tile];
        this.srcY = new int[tile];
    }

    void fill(FloatImage image, Mask imageMask, int originX, int originY, IntensityRange range) {
        int w = image.width(), h = image.height(), plane = tile * tile;
        for (int t = 0; t < tile; t++) {
            srcX[t] = TileAxis.mirror(originX + t, w);
            srcY[t] = TileAxis.mirror(originY + t, h);
        }
        Arrays.fill(mask, 0);
        boolean[] missing = imageMask.missing();
        for (int ty = 0; ty < tile; ty++) {
            int row = srcY[ty] * w;
            for (int tx = 0; tx < tile; tx++) {
                if (missing[row + srcX[tx]]) mask[maskIndex(ty, tx)] = 1; // patch mask: any masked pixel masks its patch
            }
        }
        for (int c = 0; c < 3; c++) {
            float[] src = image.plane(image.channels() == 3 ? c : 0);
            int base = c * plane;
            for (int ty = 0; ty < tile; ty++) {
                int row = srcY[ty] * w;
                for (int tx = 0; tx < tile; tx++) {
                    // What the mask hides is zeroed, so nothing under it can reach a model that ignores the contract.
                    rgb[base + ty * tile + tx] = mask[maskIndex(ty, tx)] != 0 ? 0 : range.toModel(src[row + srcX[tx]]);
                }
            }
        }
    }

    /** The mask value governing tile pixel (tx, ty): its own for a pixel mask, its patch's for a patch mask. */
    private int maskIndex(int ty, int tx) {
        return perPixel ? ty * tile + tx : ty / patch * (tile / patch) + tx / patch;
    }
}
