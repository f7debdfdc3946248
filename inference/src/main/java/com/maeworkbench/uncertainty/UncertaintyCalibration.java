package com.maeworkbench.uncertainty;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Maps an ensemble's raw spread to a predicted error standard deviation (the root of the expected squared
 * error of the plain restoration), both in the model's [0,1] intensity units: piecewise linear through
 * knots fitted on validation pictures, flat below the first knot (members that agree still err), and
 * proportional beyond the last. Non-decreasing by construction, so it never reorders pixels.
 *
 * <p>Shipped as a sidecar next to the model, {@code <model stem>.uncertainty.properties} (Java's own
 * properties format, so no parser of ours): the knots, the SHA-256 of the model and the ensemble it was
 * fitted for, and free-form provenance keys (data, masks, script).
 *
 * @param provenance every key of the sidecar, for info displays
 */
public record UncertaintyCalibration(double[] spread, double[] sigma, String modelSha256, String ensemble,
                                     Map<String, String> provenance) {

    /** No calibration: the raw spread is reported as it is. */
    public static final UncertaintyCalibration NONE = new UncertaintyCalibration(new double[0], new double[0], "", "", Map.of());

    public UncertaintyCalibration {
        if (spread.length != sigma.length) throw new IllegalArgumentException(spread.length + " spread knots but " + sigma.length + " sigma knots");
        for (int i = 0; i < spread.length; i++) {
            if (!(spread[i] > 0 && sigma[i] > 0) || !Double.isFinite(spread[i]) || !Double.isFinite(sigma[i])) {
                throw new IllegalArgumentException("knot " + i + " is not positive and finite");
            }
            if (i > 0 && !(spread[i] > spread[i - 1])) throw new IllegalArgumentException("spread knots must increase (knot " + i + ")");
            if (i > 0 && sigma[i] < sigma[i - 1]) throw new IllegalArgumentException("sigma knots must not decrease (knot " + i + ")");
        }
        spread = spread.clone();
        sigma = sigma.clone();
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    public boolean calibrated() {
        return spread.length > 0;
    }

    /** Predicted error standard deviation for a raw spread (both in model units). */
    public double apply(double s) {
        int n = spread.length;
        if (n == 0) return s;
        if (s <= spread[0]) return sigma[0];
        if (s >= spread[n - 1]) return sigma[n - 1] * (s / spread[n - 1]);
        int k = Arrays.binarySearch(spread, s);
        if (k >= 0) return sigma[k];
        int hi = -k - 1, lo = hi - 1;
        double t = (s - spread[lo]) / (spread[hi] - spread[lo]);
        return sigma[lo] + t * (sigma[hi] - sigma[lo]);
    }

    /** Where the calibration of {@code model} lives: {@code mae.onnx} -> {@code mae.uncertainty.properties}. */
    public static Path sidecarOf(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".uncertainty.properties");
    }

    /** Reads a sidecar; {@link IOException} with a one-line reason naming the file when it is missing or broken. */
    public static UncertaintyCalibration read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable (" + e.getMessage() + ")", e);
        }
        try {
            if (!"1".equals(p.getProperty("format"))) throw new IllegalArgumentException("format must be 1, got " + p.getProperty("format"));
            Map<String, String> all = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
            return new UncertaintyCalibration(numbers(p, "spread"), numbers(p, "sigma"), required(p, "model_sha256"),
                    required(p, "ensemble"), all);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("missing key '" + key + "'");
        return v.trim();
    }

    private static double[] numbers(Properties p, String key) {
        String[] parts = required(p, key).split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' value " + (i + 1) + " is not a number: " + parts[i].trim());
            }
        }
        return v;
    }
}
