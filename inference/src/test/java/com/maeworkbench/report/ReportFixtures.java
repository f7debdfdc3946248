package com.maeworkbench.report;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.metric.Quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real report: a small picture restored by real classical methods, with a fixed provenance. */
final class ReportFixtures {

    static final Provenance PROVENANCE = new Provenance(new BuildInfo("0.1.0", "0123456789abcdef0123456789abcdef01234567", false),
            new Provenance.ModelProvenance("mae-test", "9.9.9", "ab".repeat(32), "model/mae.onnx"), "1.23.2", "CPU",
            "Test CPU (2 logical cores)", "none", "Linux", "Java 17", Instant.parse("2026-01-02T03:04:05Z"));

    record Restored(MetricsReport report, FloatImage original, Mask mask, List<FloatImage> images) {
    }

    static FloatImage picture(int w, int h) {
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) p[y * w + x] = (float) (0.3 + 0.2 * Math.sin(x * 0.2) * Math.cos(y * 0.15) + 0.2 * x / w);
        }
        return FloatImage.of(w, h, 16, p).withSource(new SourceInfo("DICOM", 0, 1, false, List.of("rescale slope 1, intercept -1024 (HU)")));
    }

    static Restored restore(String path, FloatImage original, String spec, String... methods) {
        Mask mask = MaskSpec.parse(spec).generate(original.width(), original.height());
        List<MetricsReport.Result> results = new ArrayList<>();
        List<FloatImage> images = new ArrayList<>();
        for (String id : methods) {
            RestorationMethod m = Methods.byId(id);
            FloatImage restored = m.restore(original, mask);
            images.add(restored);
            results.add(new MetricsReport.Result(id, m.displayName(), "x-" + id + ".png", Quality.measure(original, restored, mask, 12.34)));
        }
        return new Restored(MetricsReport.of(PROVENANCE, path, original, spec, MaskCoverage.of(mask), results), original, mask, images);
    }

    private ReportFixtures() {
    }
}
