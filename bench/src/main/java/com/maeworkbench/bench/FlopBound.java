package com.maeworkbench.bench;

import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.MaskInput;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FLOP bound of a full MAE restore: the fewest tiles that cover the picture (side by side, no overlap) times
 * each tile's FLOPs, at a given matmul peak. A tile's FLOPs follow from the model's architecture (its metadata)
 * and how many of its patches the encoder sees: the encoder runs on the visible patches and a class token, the
 * decoder on all patches. Counted: every matrix product (2 FLOPs per multiply-add), attention included;
 * layer norms, GELU and softmax are left out (under 2%).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar com.maeworkbench.bench.FlopBound PEAK_GFLOPS SIZE...} prints, per
 * size, the cover, the mean visible patches, the GFLOPs and the bound in ms for the 50% patch mask of the
 * benchmarks.
 */
public final class FlopBound {

    /** Model dimensions, from the {@code architecture} metadata that training/export.py writes. */
    record Architecture(int imageSize, int patchSize, int dim, int depth, int decDim, int decDepth, double mlpRatio, boolean pixelMask) {

        static Architecture of(ModelInfo info) {
            String json = info.metadata().get("architecture");
            if (json == null) throw new IllegalArgumentException(info.file() + " has no 'architecture' metadata");
            return new Architecture(info.imageSize(), info.patchSize(), number(json, "dim"), number(json, "depth"),
                    number(json, "dec_dim"), number(json, "dec_depth"), Double.parseDouble(value(json, "mlp_ratio")),
                    info.maskInput() == MaskInput.PIXEL);
        }

        // A few flat numbers from one metadata string: a pattern each, no JSON library on this classpath.
        private static String value(String json, String key) {
            Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([0-9.]+)").matcher(json);
            if (!m.find()) throw new IllegalArgumentException("architecture metadata lacks " + key + ": " + json);
            return m.group(1);
        }

        private static int number(String json, String key) {
            return Integer.parseInt(value(json, key));
        }

        /** FLOPs of one tile whose encoder sees {@code visible} patches. */
        double tileFlops(int visible) {
            int n = (imageSize / patchSize) * (imageSize / patchSize), pixels = patchSize * patchSize;
            double embedIn = 3 * pixels + (pixelMask ? pixels : 0);
            double flops = 2 * n * embedIn * dim;                                   // patch embedding (all patches)
            flops += depth * block(visible + 1, dim);                                // encoder: visible + class token
            flops += 2.0 * (visible + 1) * dim * decDim;                             // decoder embedding
            flops += 2.0 * n * n * decDim;                                           // tokens back in place (a permutation matmul)
            flops += decDepth * block(n + 1, decDim);                                // decoder: every patch + class token
            flops += 2.0 * n * decDim * 3 * pixels;                                  // pixel prediction
            return flops;
        }

        /** One transformer block on {@code t} tokens of width {@code d}: qkv, projection, MLP, and attention. */
        private double block(int t, int d) {
            return 2.0 * t * d * d * (4 + 2 * mlpRatio) + 4.0 * t * t * d;
        }

        /** Patches of the tile at (ox, oy) the encoder sees: any known pixel (pixel mask) or none unknown (patch mask). */
        int visible(Mask mask, int ox, int oy) {
            int count = 0, w = mask.width(), h = mask.height();
            for (int py = 0; py < imageSize; py += patchSize) {
                for (int px = 0; px < imageSize; px += patchSize) {
                    int unknown = 0;
                    for (int y = py; y < py + patchSize; y++) {
                        for (int x = px; x < px + patchSize; x++) if (mask.isMissing(mirror(ox + x, w), mirror(oy + y, h))) unknown++;
                    }
                    if (pixelMask ? unknown < pixels() : unknown == 0) count++;
                }
            }
            return count;
        }

        private int pixels() {
            return patchSize * patchSize;
        }

        private static int mirror(int i, int n) {
            int m = Math.floorMod(i, 2 * n);
            return m < n ? m : 2 * n - 1 - m;
        }
    }

    private FlopBound() {
    }

    public static void main(String[] args) throws Exception {
        double peak = Double.parseDouble(args[0]);
        try (MaeModel model = MaeModel.open(MaeModel.defaultModelPath(), Device.CPU)) {
            Architecture a = Architecture.of(model.info());
            System.out.printf("model %s %s: %s; one tile %.3f GFLOP with every patch visible, %.3f with half%n",
                    model.info().name(), model.info().version(), a, a.tileFlops(model.info().patchCount()) / 1e9,
                    a.tileFlops(model.info().patchCount() / 2) / 1e9);
            for (int k = 1; k < args.length; k++) {
                int size = Integer.parseInt(args[k]), s = a.imageSize(), per = (size + s - 1) / s;
                Mask mask = MaskSpec.parse(RestorationBench.MASK).generate(size, size);
                double flops = 0;
                long visible = 0;
                for (int ty = 0; ty < per; ty++) {
                    for (int tx = 0; tx < per; tx++) {
                        int v = a.visible(mask, tx * s, ty * s);
                        visible += v;
                        flops += a.tileFlops(v);
                    }
                }
                System.out.printf("%dx%d, %s: cover %d tiles, %.1f visible patches each, %.2f GFLOP, bound %.1f ms at %.0f GFLOP/s%n",
                        size, size, RestorationBench.MASK, per * per, visible / (double) (per * per), flops / 1e9, flops / peak / 1e6, peak);
            }
        }
    }
}
