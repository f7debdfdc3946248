package com.maeworkbench.bench;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.uncertainty.CellScores;
import com.maeworkbench.uncertainty.Dihedral;
import com.maeworkbench.uncertainty.EnsembleMember;
import com.maeworkbench.uncertainty.TestTimeEnsemble;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which test-time variations are worth their cost: runs every candidate member once per picture (timed),
 * then scores the spread of each candidate ensemble (a subset of the members, the plain restoration always
 * first) per fully masked 16 px cell. Writes {@code cells.csv} (one row per cell: real RMSE, the trivial
 * predictor, and each ensemble's raw RMS spread) and {@code members.csv} (milliseconds per member and
 * picture) for {@code training/uncertainty.py study} to pool. Validation pictures only.
 *
 * <pre>java -cp "bench/target/benchmarks.jar:bench/target/lib/*" com.maeworkbench.bench.UncertaintyStudy IMAGES_DIR MASK OUT_DIR</pre>
 */
public final class UncertaintyStudy {

    private static final Map<String, EnsembleMember> MEMBERS = new LinkedHashMap<>();
    private static final Map<String, List<String>> ENSEMBLES = new LinkedHashMap<>();

    static {
        for (Dihedral d : Dihedral.values()) MEMBERS.put(d.name(), new EnsembleMember(d, 0, 0, 0, 1, 0));
        for (int s : new int[]{8, 16, 24}) MEMBERS.put("shift" + s, new EnsembleMember(Dihedral.IDENTITY, s, s, 0, 1, 0));
        for (int k = 1; k <= 4; k++) MEMBERS.put("drop25#" + k, new EnsembleMember(Dihedral.IDENTITY, 0, 0, 0.25, 8, k));
        for (int k = 1; k <= 2; k++) MEMBERS.put("drop50#" + k, new EnsembleMember(Dihedral.IDENTITY, 0, 0, 0.5, 8, k));

        ENSEMBLES.put("flip2", List.of("FLIP_X"));
        ENSEMBLES.put("dihedral4", List.of("FLIP_X", "FLIP_Y", "ROTATE_180"));
        ENSEMBLES.put("dihedral4t", List.of("FLIP_X", "TRANSPOSE", "ROTATE_90"));
        ENSEMBLES.put("dihedral8", List.of("FLIP_X", "FLIP_Y", "ROTATE_180", "TRANSPOSE", "ROTATE_90", "ROTATE_270", "ANTI_TRANSPOSE"));
        ENSEMBLES.put("shift1", List.of("shift16"));
        ENSEMBLES.put("shift3", List.of("shift8", "shift16", "shift24"));
        ENSEMBLES.put("drop25x2", List.of("drop25#1", "drop25#2"));
        ENSEMBLES.put("drop25x4", List.of("drop25#1", "drop25#2", "drop25#3", "drop25#4"));
        ENSEMBLES.put("drop50x2", List.of("drop50#1", "drop50#2"));
        ENSEMBLES.put("d4+shift1", List.of("FLIP_X", "FLIP_Y", "ROTATE_180", "shift16"));
        ENSEMBLES.put("d4t+shift1", List.of("FLIP_X", "TRANSPOSE", "ROTATE_90", "shift16"));
        ENSEMBLES.put("d4+drop25x2", List.of("FLIP_X", "FLIP_Y", "ROTATE_180", "drop25#1", "drop25#2"));
        ENSEMBLES.put("d8+shift3", List.of("FLIP_X", "FLIP_Y", "ROTATE_180", "TRANSPOSE", "ROTATE_90", "ROTATE_270", "ANTI_TRANSPOSE",
                "shift8", "shift16", "shift24"));
        ENSEMBLES.put("all", new ArrayList<>(MEMBERS.keySet().stream().filter(k -> !k.equals("IDENTITY")).toList()));
    }

    private UncertaintyStudy() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: UncertaintyStudy IMAGES_DIR MASK_SPEC OUT_DIR");
            System.exit(1);
        }
        Path images = Path.of(args[0]), out = Path.of(args[2]);
        MaskSpec spec = MaskSpec.parse(args[1]);
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (MaeMethod mae = new MaeMethod(MaeModel.open(MaeModel.defaultModelPath(), Device.CPU));
             PrintWriter cells = new PrintWriter(Files.newBufferedWriter(out.resolve("cells.csv")));
             PrintWriter times = new PrintWriter(Files.newBufferedWriter(out.resolve("members.csv")))) {
            cells.println("image,cell,real,trivial," + String.join(",", ENSEMBLES.keySet()) + ","
                    + String.join(",", ENSEMBLES.keySet().stream().map(k -> k + "/dev").toList()));
            times.println("image,pixels,member,millis");
            for (Path file : files) study(mae, file, spec, cells, times);
        }
    }

    private static void study(MaeMethod mae, Path file, MaskSpec spec, PrintWriter cells, PrintWriter times) throws IOException {
        FloatImage image = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        Mask mask = spec.generate(image.width(), image.height());
        Map<String, FloatImage> results = new LinkedHashMap<>();
        for (var e : MEMBERS.entrySet()) {
            long t0 = System.nanoTime();
            results.put(e.getKey(), e.getValue().restore(mae, image, mask));
            times.printf(Locale.ROOT, "%s,%d,%s,%.1f%n", file.getFileName(), image.pixels(), e.getKey(), (System.nanoTime() - t0) / 1e6);
        }
        FloatImage plain = results.get("IDENTITY");
        List<CellScores> scores = new ArrayList<>(), deviations = new ArrayList<>();
        for (List<String> names : ENSEMBLES.values()) {
            List<FloatImage> members = new ArrayList<>(List.of(plain));
            names.forEach(n -> members.add(results.get(n)));
            scores.add(CellScores.measure(image, plain, mask, TestTimeEnsemble.spread(members, mask), CellScores.CELL));
            deviations.add(CellScores.measure(image, plain, mask, deviation(members, mask), CellScores.CELL));
        }
        CellScores first = scores.get(0);
        for (int i = 0; i < first.count(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%.6g,%.6g", file.getFileName(), i, first.real()[i], first.trivial()[i]));
            for (CellScores s : scores) row.append(String.format(Locale.ROOT, ",%.6g", s.predicted()[i]));
            for (CellScores s : deviations) row.append(String.format(Locale.ROOT, ",%.6g", s.predicted()[i]));
            cells.println(row);
        }
        cells.flush();
        times.flush();
        System.err.printf(Locale.ROOT, "%s: %d cells%n", file.getFileName(), first.count());
    }

    /** Root mean square distance of the variations from the plain result (the alternative to the spread). */
    private static float[] deviation(List<FloatImage> members, Mask mask) {
        FloatImage plain = members.get(0);
        boolean[] missing = mask.missing();
        float[] d = new float[missing.length];
        int channels = plain.channels(), n = members.size() - 1;
        for (int i = 0; i < d.length; i++) {
            if (!missing[i]) continue;
            double sum = 0;
            for (int k = 1; k <= n; k++) {
                for (int c = 0; c < channels; c++) {
                    double v = members.get(k).plane(c)[i] - plain.plane(c)[i];
                    sum += v * v;
                }
            }
            d[i] = (float) Math.sqrt(sum / (n * channels));
        }
        return d;
    }
}
