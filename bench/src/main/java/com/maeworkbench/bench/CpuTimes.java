package com.maeworkbench.bench;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.OpenCvInpaint;
import com.maeworkbench.method.RestorationMethod;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The least CPU time of the calling thread over repeated calls, per method and size: a measure that other
 * processes on the machine disturb far less than wall-clock time, for single-threaded work (every classical method,
 * OpenCV's reference, and the MAE with one tile at a time). JMH gives the wall-clock numbers on a quiet machine.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar com.maeworkbench.bench.CpuTimes REPS SIZE[,SIZE...] ID[,ID...]};
 * ids are the methods' ({@code mae}, {@code telea}, ...) or {@code opencv-telea}, {@code opencv-ns}.
 */
public final class CpuTimes {

    private CpuTimes() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(args[0]);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (String size : args[1].split(",")) {
            int n = Integer.parseInt(size);
            FloatImage image = SyntheticImage.rgb(n, n, 1);
            Mask mask = MaskSpec.parse(RestorationBench.MASK).generate(n, n);
            for (String id : args[2].split(",")) {
                try (Method m = method(id)) {
                    double best = Double.MAX_VALUE;
                    for (int r = 0; r < reps; r++) {
                        long t0 = bean.getCurrentThreadCpuTime();
                        m.method.restore(image, mask);
                        best = Math.min(best, (bean.getCurrentThreadCpuTime() - t0) / 1e6);
                    }
                    System.out.printf(Locale.ROOT, "%-13s %5dx%-5d least CPU of %d calls: %10.1f ms%n", id, n, n, reps, best);
                }
            }
        }
    }

    /** A method and what to close after it. */
    private record Method(RestorationMethod method, AutoCloseable owner) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (owner != null) owner.close();
        }
    }

    private static Method method(String id) throws Exception {
        return switch (id) {
            case "mae" -> {
                MaeMethod mae = new MaeMethod(MaeModel.open(MaeModel.defaultModelPath(), Device.CPU, 1), 1);
                yield new Method(mae, mae);
            }
            case "opencv-telea" -> new Method(OpenCvInpaint.telea(), null);
            case "opencv-ns" -> new Method(OpenCvInpaint.navierStokes(), null);
            default -> new Method(Methods.byId(id), null);
        };
    }
}
