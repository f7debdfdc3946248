package com.maeworkbench.mae;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A loaded MAE ONNX model (see {@code assets/README.md} for the contract). One session per model, shared by
 * all threads: ONNX Runtime sessions are thread-safe, and each thread fills its own direct input buffers.
 * The {@link OrtEnvironment} is the process-wide singleton and is deliberately never closed here.
 */
public final class MaeModel implements AutoCloseable {

    private static final Set<String> OUTPUTS = Set.of(ModelContract.RECONSTRUCTION);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelInfo info;
    private final ExecutionChoice execution;
    private final int intraOpThreads;
    private final long[] imageShape;
    private final long[] maskShape;
    private final ThreadLocal<TileBuffers> buffers;
    // Tiles hold the read side, close() the write side: ONNX Runtime crashes the process (SIGSEGV) when a
    // session is released under a running tile, so closing waits for the tiles in flight (milliseconds).
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    /** Direct, native-order buffers that the input tensors wrap without copying; one pair per thread. */
    private record TileBuffers(FloatBuffer image, FloatBuffer mask) {
    }

    private MaeModel(OrtEnvironment env, OrtSession session, ModelInfo info, ExecutionChoice execution, int intraOpThreads) {
        this.env = env;
        this.session = session;
        this.info = info;
        this.execution = execution;
        this.intraOpThreads = intraOpThreads;
        int s = info.imageSize();
        this.imageShape = new long[]{1, 3, s, s};
        this.maskShape = info.maskInput().shape(s, info.patchSize());
        this.buffers = ThreadLocal.withInitial(() -> new TileBuffers(direct(3 * s * s), direct(info.maskLength())));
    }

    /**
     * Opens a model with one CPU intra-op thread per run (or system property {@code mae.threads}): one 64 px
     * tile is too small to split well (measured on 2 cores: a brush edit 14 ms with one thread, 18 ms with two),
     * so {@link MaeMethod} runs whole tiles side by side instead.
     */
    public static MaeModel open(Path onnxFile, Device device) throws MaeModelException {
        return open(onnxFile, device, Integer.getInteger("mae.threads", 1));
    }

    /**
     * Opens and validates a model. CUDA is tried for {@link Device#CUDA} and {@link Device#AUTO}; when it does
     * not work the model runs on the CPU and {@link #execution()} says why.
     */
    public static MaeModel open(Path onnxFile, Device device, int intraOpThreads) throws MaeModelException {
        Path file = onnxFile.toAbsolutePath().normalize();
        checkFile(file);
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (RuntimeException | LinkageError e) {
            throw new MaeModelException(file, "ONNX Runtime failed to load: " + e, e);
        }
        int threads = Math.max(1, intraOpThreads);
        Sessions.Opened opened = Sessions.open(env, file, device, threads);
        try {
            return new MaeModel(env, opened.session(), ModelContract.validate(opened.session(), file), opened.choice(), threads);
        } catch (MaeModelException | RuntimeException e) {
            try {
                opened.session().close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void checkFile(Path file) throws MaeModelException {
        if (!Files.exists(file)) throw new MaeModelException(file, "file not found");
        if (!Files.isRegularFile(file)) throw new MaeModelException(file, "not a regular file");
        if (!Files.isReadable(file)) throw new MaeModelException(file, "file not readable");
        try {
            if (Files.size(file) == 0) throw new MaeModelException(file, "file is empty (0 bytes), not an ONNX model");
        } catch (IOException e) {
            throw new MaeModelException(file, "cannot read file: " + e.getMessage(), e);
        }
    }

    public ModelInfo info() {
        return info;
    }

    public ExecutionChoice execution() {
        return execution;
    }

    /** CPU threads one run may use (ONNX Runtime's intra-op threads). */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    /**
     * Reconstructs one tile. {@code rgbChw} holds {@code 3*S*S} values in [0,1] (channel, row, column);
     * {@code mask} is the model's mask input ({@link ModelInfo#maskLength()} values): per patch for
     * {@link MaskInput#PATCH}, per pixel (row-major) for {@link MaskInput#PIXEL}, 1 = to reconstruct.
     * Returns {@code 3*S*S} values. Safe to call from several threads at once.
     */
    public float[] runTile(float[] rgbChw, float[] mask) {
        int s = info.imageSize();
        if (rgbChw.length != 3 * s * s) throw new IllegalArgumentException("tile has " + rgbChw.length + " values, expected 3x" + s + "x" + s);
        if (mask.length != info.maskLength()) {
            throw new IllegalArgumentException(info.maskInput().inputName() + " has " + mask.length + " values, expected " + info.maskLength());
        }
        Lock running = lifecycle.readLock();
        running.lock();
        try {
            if (closed) throw new IllegalStateException("MAE model " + info.file() + " is closed");
            return run(rgbChw, mask);
        } finally {
            running.unlock();
        }
    }

    private float[] run(float[] rgbChw, float[] mask) {
        int s = info.imageSize();
        TileBuffers b = buffers.get();
        b.image().put(0, rgbChw);
        b.mask().put(0, mask);
        try (OnnxTensor image = OnnxTensor.createTensor(env, b.image(), imageShape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, b.mask(), maskShape);
             OrtSession.Result result = session.run(Map.of(ModelContract.IMAGE, image, info.maskInput().inputName(), maskTensor), OUTPUTS)) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor out) || ((TensorInfo) out.getInfo()).getNumElements() != rgbChw.length) {
                throw new IllegalStateException("MAE model " + info.file() + " returned " + value.getInfo() + ", expected [1, 3, " + s + ", " + s + "]");
            }
            float[] reconstruction = new float[rgbChw.length];
            out.getFloatBuffer().get(reconstruction);
            return reconstruction;
        } catch (OrtException e) {
            throw new IllegalStateException("MAE inference failed: " + Sessions.clean(e), e);
        }
    }

    /** Closes the session once the tiles in flight have finished; later tiles fail with IllegalStateException. */
    @Override
    public void close() {
        Lock exclusive = lifecycle.writeLock();
        exclusive.lock();
        try {
            if (closed) return;
            closed = true;
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing MAE session failed: " + Sessions.clean(e), e);
        } finally {
            exclusive.unlock();
        }
    }

    /**
     * Where the bundled model is expected: system property {@code mae.model} when set, else the first existing
     * {@code assets/model/mae.onnx} under the working directory or a parent of this code's jar/class folder,
     * else the working-directory candidate (so that opening it reports the missing file).
     */
    public static Path defaultModelPath() {
        String property = System.getProperty("mae.model");
        if (property != null && !property.isBlank()) return Path.of(property.trim()).toAbsolutePath().normalize();
        Path relative = Path.of("assets", "model", "mae.onnx");
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("").toAbsolutePath().resolve(relative));
        Path code = codeLocation();
        for (Path dir = code; dir != null; dir = dir.getParent()) candidates.add(dir.resolve(relative));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }

    private static Path codeLocation() {
        try {
            var source = MaeModel.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return null; // unusual class loader: fall back to the working directory only
        }
    }

    /** The ONNX Runtime version, from the native library itself, else from the jar's manifest. */
    public static String runtimeVersion() {
        try {
            return OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | LinkageError e) {
            String v = OrtEnvironment.class.getPackage().getImplementationVersion();
            return v == null ? "unknown" : v;
        }
    }

    /** Execution providers this ONNX Runtime build was compiled with (not necessarily usable here). */
    public static List<String> buildProviders() {
        List<String> names = new ArrayList<>();
        for (OrtProvider p : OrtEnvironment.getAvailableProviders()) names.add(Sessions.providerName(p));
        return names;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
