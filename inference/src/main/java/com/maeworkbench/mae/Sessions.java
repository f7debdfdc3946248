package com.maeworkbench.mae;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Creates the ONNX Runtime session on the chosen execution provider, falling back to the CPU. */
final class Sessions {

    record Opened(OrtSession session, ExecutionChoice choice) {
    }

    private Sessions() {
    }

    static Opened open(OrtEnvironment env, Path file, Device device, int threads) throws MaeModelException {
        List<String> available = MaeModel.buildProviders();
        String cudaProblem = null;
        if (device != Device.CPU) {
            cudaProblem = cudaPrecheck(device, available);
            if (cudaProblem == null) {
                try (OrtSession.SessionOptions options = options(threads)) {
                    // Throws when libonnxruntime_providers_cuda cannot load its CUDA 12 / cuDNN 9 dependencies.
                    options.addCUDA(0);
                    String why = device == Device.CUDA ? "CUDA requested: GPU 0" : "CUDA available: GPU 0";
                    return new Opened(env.createSession(file.toString(), options), new ExecutionChoice("CUDA", why, available));
                } catch (OrtException e) {
                    cudaProblem = "this build has the CUDA provider but it did not start (it needs an NVIDIA driver, CUDA 12 and cuDNN 9): " + clean(e);
                }
            }
        }
        // Fresh options: a failed addCUDA may leave the previous ones half-configured.
        try (OrtSession.SessionOptions options = options(threads)) {
            OrtSession session = env.createSession(file.toString(), options);
            return new Opened(session, new ExecutionChoice("CPU", cpuReason(device, cudaProblem, threads), available));
        } catch (OrtException e) {
            throw loadFailure(file, e);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return options;
        } catch (OrtException e) {
            options.close();
            throw e;
        }
    }

    /** A reason not to try CUDA at all, or null. AUTO skips the costly provider load when no driver exists. */
    private static String cudaPrecheck(Device device, List<String> available) {
        if (!available.contains("CUDA")) return "this ONNX Runtime build has no CUDA provider (CPU-only build)";
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (device == Device.AUTO && linux && !Files.exists(Path.of("/proc/driver/nvidia/version"))
                && !Files.exists(Path.of("/dev/nvidiactl"))) {
            return "no NVIDIA driver found";
        }
        return null;
    }

    private static String cpuReason(Device device, String cudaProblem, int threads) {
        return switch (device) {
            case CPU -> "CPU requested (" + threads(threads) + ")";
            case CUDA -> "CUDA requested but unavailable: " + cudaProblem;
            case AUTO -> "CUDA unavailable, using CPU (" + threads(threads) + "): " + cudaProblem;
        };
    }

    private static String threads(int n) {
        return n == 1 ? "1 thread" : n + " threads";
    }

    private static MaeModelException loadFailure(Path file, OrtException e) {
        String cause = switch (e.getCode()) {
            case ORT_NO_SUCHFILE -> "file not found";
            case ORT_INVALID_PROTOBUF -> "not an ONNX model or corrupt (" + clean(e) + ")";
            default -> "ONNX Runtime " + MaeModel.runtimeVersion() + " cannot load it: " + clean(e);
        };
        return new MaeModelException(file, cause, e);
    }

    static String providerName(OrtProvider provider) {
        return provider.name();
    }

    /** ONNX Runtime's message without its error-code prefix, source locations and C++ signatures. */
    static String clean(OrtException e) {
        String m = e.getMessage() == null ? e.getCode().toString() : e.getMessage();
        m = m.replaceFirst("^Error code - \\w+ - message: ", "");
        m = m.replaceAll("Load model from \\S+ failed:", "");
        m = m.replaceAll("\\S*onnxruntime_src/\\S+:\\d+\\s+([\\w:~<>]+\\([^()]*\\)\\s+)?", "");
        return MaeModelException.oneLine(m);
    }
}
