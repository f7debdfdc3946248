package com.maeworkbench.report;

import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.ModelInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What produced a report's numbers, Tribuo style: which build of the workbench, which model file (by
 * SHA-256, not only by name), which ONNX Runtime on which execution provider, on what hardware, when.
 *
 * @param model            null when no model ran (only classical methods)
 * @param onnxRuntime      ONNX Runtime's version, null when no model ran
 * @param provider         the execution provider the model ran on ({@code CPU}, {@code CUDA}), {@code none} without a model
 * @param gpu              the GPU the model ran on, or {@code none}
 * @param date             when the report was made, UTC
 */
public record Provenance(BuildInfo app, ModelProvenance model, String onnxRuntime, String provider,
                         String cpu, String gpu, String os, String java, Instant date) {

    /**
     * @param sha256 of the ONNX file's bytes; {@code unknown} when it cannot be read
     * @param file   the ONNX file as it was opened
     */
    public record ModelProvenance(String name, String version, String sha256, String file) {
        /** e.g. {@code mae-pixel 2.0.0}. */
        public String describe() {
            return name + " " + version;
        }
    }

    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    /** Provenance of a run now: {@code model} and {@code execution} of the MAE that ran, both null when none did. */
    public static Provenance collect(ModelInfo model, ExecutionChoice execution) {
        ModelProvenance m = model == null ? null
                : new ModelProvenance(model.name(), model.version(), sha256(model.file()), model.file() == null ? null : model.file().toString());
        return new Provenance(BuildInfo.current(), m, model == null ? null : MaeModel.runtimeVersion(),
                execution == null ? "none" : execution.provider(), Machine.cpu(), Machine.gpu(execution),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** SHA-256 of a file in hex, remembered per path, size and modification time (the app exports often). */
    static String sha256(Path file) {
        if (file == null) return BuildInfo.UNKNOWN;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            String key = file.toAbsolutePath() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
            String known = HASHES.get(key);
            if (known != null) return known;
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
            }
            String hex = HexFormat.of().formatHex(digest.digest());
            HASHES.put(key, hex);
            return hex;
        } catch (IOException e) {
            return BuildInfo.UNKNOWN;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
