package com.maeworkbench.mae;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a loaded MAE model says about itself (its ONNX custom metadata, validated against the contract).
 *
 * @param imageSize tile side {@code S} in pixels
 * @param patchSize patch side {@code p} in pixels; {@code S % p == 0}
 * @param metadata  every custom metadata property, sorted by key, for provenance displays
 */
public record ModelInfo(String name, String version, int imageSize, int patchSize, String trainingSummary,
                        Map<String, String> metadata, Path file) {

    public ModelInfo {
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** Patches along one side of a tile, {@code S / p}. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Patches per tile, the length of the {@code mask} input. */
    public int patchCount() {
        return gridSize() * gridSize();
    }
}
