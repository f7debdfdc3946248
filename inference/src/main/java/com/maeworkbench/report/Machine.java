package com.maeworkbench.report;

import com.maeworkbench.mae.ExecutionChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The hardware a report's numbers were measured on, in words. */
final class Machine {

    private static final String CPU = cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " logical cores)";

    private Machine() {
    }

    static String cpu() {
        return CPU;
    }

    /** The GPU the MAE ran on, or {@code none} when it ran on the CPU or no model ran. */
    static String gpu(ExecutionChoice execution) {
        if (execution == null || !execution.onGpu()) return "none";
        String model = nvidiaModel();
        return model == null ? execution.provider() + " device (model unknown)" : model;
    }

    private static String cpuModel() {
        String model = firstValue(Path.of("/proc/cpuinfo"), "model name"); // Linux
        if (model == null) model = System.getenv("PROCESSOR_IDENTIFIER"); // Windows
        return model != null ? model : System.getProperty("os.arch", "unknown CPU");
    }

    /** The NVIDIA driver's name for the first GPU (Linux), without running nvidia-smi. */
    private static String nvidiaModel() {
        try (Stream<Path> gpus = Files.list(Path.of("/proc/driver/nvidia/gpus"))) {
            for (Path gpu : gpus.sorted().toList()) {
                String model = firstValue(gpu.resolve("information"), "Model");
                if (model != null) return model;
            }
        } catch (IOException | RuntimeException e) {
            // no NVIDIA driver information here
        }
        return null;
    }

    /** The value of the first {@code key: value} line of a /proc-style file, or null. */
    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not this platform
        }
        return null;
    }
}
