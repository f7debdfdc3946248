package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * A set of test-time variations of one restoration; the per-pixel spread of their results says where the
 * model's answer is unstable. The first member is the plain restoration (the result users see).
 */
public record TestTimeEnsemble(List<EnsembleMember> members) {

    public TestTimeEnsemble {
        members = List.copyOf(members);
        if (members.size() < 2) throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members.size());
        if (!members.get(0).isIdentity()) throw new IllegalArgumentException("the first member must be the plain restoration");
    }

    /** The members' labels joined with {@code ;}: what a calibration was fitted for. */
    public String describe() {
        return members.stream().map(EnsembleMember::label).collect(Collectors.joining(";"));
    }

    /**
     * Per-pixel standard deviation over the members' results (population, over the members; the root of the
     * channels' mean variance); 0 at known pixels. {@code plain} is the method's plain result when the caller
     * has it already (it saves one pass), else null. Interrupting the thread cancels between passes.
     */
    public float[] spread(RestorationMethod method, FloatImage image, Mask mask, FloatImage plain) {
        List<FloatImage> results = new ArrayList<>(members.size());
        for (EnsembleMember m : members) {
            if (Thread.interrupted()) throw new CancellationException("uncertainty cancelled");
            results.add(m.isIdentity() && plain != null ? plain : m.restore(method, image, mask));
        }
        return spread(results, mask);
    }

    /** The spread of given results of one image (at least two), 0 at known pixels. */
    public static float[] spread(List<FloatImage> results, Mask mask) {
        FloatImage first = results.get(0);
        int n = results.size(), channels = first.channels();
        boolean[] missing = mask.missing();
        float[] sd = new float[missing.length];
        for (int i = 0; i < sd.length; i++) {
            if (!missing[i]) continue;
            double variance = 0;
            for (int c = 0; c < channels; c++) {
                double mean = 0, squares = 0;
                for (FloatImage r : results) mean += r.plane(c)[i];
                mean /= n;
                for (FloatImage r : results) {
                    double d = r.plane(c)[i] - mean;
                    squares += d * d; // two passes: members that agree give exactly 0
                }
                variance += squares / n;
            }
            sd[i] = (float) Math.sqrt(variance / channels);
        }
        return sd;
    }
}
