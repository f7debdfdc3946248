package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.report.ReportText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A headless install check: every method restores a small synthetic picture; prints the execution
 * provider and each method's timing. Exit 0 only when every method ran and gave finite values.
 */
@Command(name = "self-test", description = "Restore a small synthetic image with every method; exit 0 when all work.")
final class SelfTestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FloatImage image = syntheticImage(96, 96);
        Mask mask = MaskShapes.patches(image.width(), image.height(), 0.5, 16, 1);
        boolean ok;
        try (MethodSet set = MethodSet.open(null, common, err)) {
            ok = set.methods().size() == MethodSet.ALL.size();
            if (set.mae() != null) {
                out.println("MAE provider: " + set.mae().execution().provider() + " (" + set.mae().execution().reason() + ")");
            }
            for (var method : set.methods()) {
                Timed r = Timed.run(method, image, mask);
                boolean finite = Double.isFinite(r.metrics().psnrMasked());
                ok &= finite;
                out.printf(Locale.ROOT, "%-10s %s  %7.1f ms  PSNR(mask) %s dB%n", method.id(), finite ? "ok  " : "FAIL",
                        r.metrics().millis(), ReportText.number(r.metrics().psnrMasked(), 2));
            }
        }
        out.println(ok ? "self-test passed" : "self-test FAILED");
        out.flush();
        return ok ? RestoreCli.OK : RestoreCli.FAILED;
    }

    /** Smooth shading, an edge and a disc: something every method has to work at. */
    static FloatImage syntheticImage(int w, int h) {
        float[][] planes = new float[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - w * 0.6, dy = y - h * 0.4;
                boolean disc = dx * dx + dy * dy < (w * 0.2) * (w * 0.2);
                int i = y * w + x;
                planes[0][i] = (float) (0.2 + 0.6 * x / w);
                planes[1][i] = (float) (x + y < w ? 0.3 : 0.7);
                planes[2][i] = disc ? 0.9f : (float) (0.1 + 0.3 * y / h);
            }
        }
        return FloatImage.of(w, h, 8, planes);
    }
}
