package com.maeworkbench.mae;

import java.util.List;

/**
 * The execution provider a model session actually runs on, and why.
 *
 * @param provider           {@code CUDA} or {@code CPU}
 * @param reason             one line for the UI, e.g. {@code CUDA requested but unavailable: ...}
 * @param availableProviders what this ONNX Runtime build was compiled with; the GPU build lists CUDA even
 *                           when the CUDA 12 / cuDNN 9 libraries are missing, so it says nothing about
 *                           whether CUDA can actually be used
 */
public record ExecutionChoice(String provider, String reason, List<String> availableProviders) {

    public ExecutionChoice {
        availableProviders = List.copyOf(availableProviders);
    }

    public boolean onGpu() {
        return "CUDA".equals(provider);
    }
}
