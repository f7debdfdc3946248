package com.maeworkbench.bench;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.MaeModelException;
import com.maeworkbench.mae.MaskInput;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.mask.Region;
import org.openjdk.jmh.annotations.*;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bundled MAE (or {@code -Dmae.model=FILE}) on the CPU: one model tile, a full restore of a
 * {@code size x size} picture with the same image and mask as {@link RestorationBench}, and a live brush segment
 * (incremental restore). {@code parallel}: tiles run side by side (one ONNX Runtime intra-op thread each).
 * {@link FlopBound} gives the FLOP bound the full restores are compared with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaeBench {

    @Param({"512"})
    public int size;

    /** Tiles run at once. */
    @Param({"2"})
    public int parallel;

    MaeModel model;
    MaeMethod mae;
    float[] tile, tileMask;
    FloatImage image;
    Mask mask, dabbed;
    FloatImage restored;
    Region dab;

    @Setup
    public void setup() throws MaeModelException {
        model = MaeModel.open(MaeModel.defaultModelPath(), Device.CPU, 1);
        mae = new MaeMethod(model, parallel);
        ModelInfo info = model.info();
        int s = info.imageSize(), p = info.patchSize(), g = info.gridSize();
        image = SyntheticImage.rgb(size, size, 1);
        mask = MaskSpec.parse(RestorationBench.MASK).generate(image.width(), image.height());
        tile = new float[3 * s * s];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) System.arraycopy(image.plane(c), y * image.width(), tile, c * s * s + y * s, s);
        }
        // Half the patches hidden, as patch flags or as all pixels of those patches (the model's mask input).
        tileMask = new float[info.maskLength()];
        for (int i = 0; i < tileMask.length; i++) {
            int patch = info.maskInput() == MaskInput.PATCH ? i : i / s / p * g + i % s / p;
            if (patch % 2 == 0) tileMask[i] = 1;
        }
        restored = mae.restore(image, mask);
        dabbed = mask.copy();
        dab = MaskShapes.brush(dabbed, List.of(new double[]{200, 200}, new double[]{230, 215}), 8, true);
    }

    @TearDown
    public void tearDown() {
        mae.close();
    }

    /** One tile, half its patches hidden (32 visible: 0.28 GFLOP for model 2.0.0). */
    @Benchmark
    public float[] tile() {
        return model.runTile(tile, tileMask);
    }

    @Benchmark
    @Measurement(iterations = 3, time = 2)
    public FloatImage restore() {
        return mae.restore(image, mask);
    }

    /**
     * One brush segment (radius 8) on top of the 50% patch mask, as the live view runs it: the tiles under the
     * segment rerun, their neighbours come from the previous result's kept tiles.
     */
    @Benchmark
    public FloatImage brushDab() {
        restored = mae.restore(image, dabbed, dab, restored);
        return restored;
    }
}
