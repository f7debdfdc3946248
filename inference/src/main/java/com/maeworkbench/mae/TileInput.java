package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.util.Arrays;

/**
 * Builds one model input tile: RGB planes (gray repeated three times) and the patch mask. Pixels beyond the
 * image edge mirror the image, mask included, so padding is visible context unless it mirrors masked pixels.
 */
final class TileInput {

    final float[] rgb;
    final float[] patchMask;
    private final int tile;
    private final int patch;
    private final int[] srcX;
    private final int[] srcY;

    TileInput(int tile, int patch) {
        this.tile = tile;
        this.patch = patch;
        this.rgb = new float[3 * tile * tile];
        this.patchMask = new float[(tile / patch) * (tile / patch)];
        this.srcX = new int[tile];
        this.srcY = new int[tile];
    }

    void fill(FloatImage image, Mask mask, int originX, int originY, IntensityRange range) {
        int w = image.width(), h = image.height(), grid = tile / patch, plane = tile * tile;
        for (int t = 0; t < tile; t++) {
            srcX[t] = TileAxis.mirror(originX + t, w);
            srcY[t] = TileAxis.mirror(originY + t, h);
        }
        Arrays.fill(patchMask, 0);
        boolean[] missing = mask.missing();
        for (int ty = 0; ty < tile; ty++) {
            int row = srcY[ty] * w, gy = ty / patch * grid;
            for (int tx = 0; tx < tile; tx++) {
                if (missing[row + srcX[tx]]) patchMask[gy + tx / patch] = 1; // any masked pixel masks its patch
            }
        }
        for (int c = 0; c < 3; c++) {
            float[] src = image.plane(image.channels() == 3 ? c : 0);
            int base = c * plane;
            for (int ty = 0; ty < tile; ty++) {
                int row = srcY[ty] * w, gy = ty / patch * grid;
                for (int tx = 0; tx < tile; tx++) {
                    // Masked patches are zeroed, so nothing under the mask can reach a model that ignores the contract.
                    rgb[base + ty * tile + tx] = patchMask[gy + tx / patch] != 0 ? 0 : range.toModel(src[row + srcX[tx]]);
                }
            }
        }
    }
}
