package com.maeworkbench.bench;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.uncertainty.MaeUncertainty;
import com.maeworkbench.uncertainty.UncertaintyMap;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * The MAE uncertainty map at 512x512 under the 50% patch mask of {@link RestorationBench}, as the app runs it
 * once the live result has settled (the plain MAE result handed in, so only the ensemble's other members run).
 * One MAE restore beside it for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class UncertaintyBench {

    MaeMethod mae;
    MaeUncertainty uncertainty;
    FloatImage image, plain;
    Mask mask;

    @Setup
    public void setup() {
        mae = MaeMethod.load(MaeModel.defaultModelPath(), Device.CPU);
        uncertainty = MaeUncertainty.of(mae);
        image = SyntheticImage.rgb(RestorationBench.SIZE, RestorationBench.SIZE, 1);
        mask = MaskSpec.parse(RestorationBench.MASK).generate(image.width(), image.height());
        plain = mae.restore(image, mask);
    }

    @TearDown
    public void tearDown() {
        mae.close();
    }

    @Benchmark
    public UncertaintyMap uncertainty512() {
        return uncertainty.estimate(image, mask, plain);
    }

    @Benchmark
    public FloatImage restore512() {
        return mae.restore(image, mask);
    }
}
