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
 * @param maskInput which mask input the model takes (patch or pixel mask)
 * @param metadata  every custom metadata property, sorted by key, for provenance displays
 */
public record ModelInfo(String name, String version, int imageSize, int patchSize, MaskInput maskInput,
                        String trainingSummary, Map<String, String> metadata, Path file) {

    public ModelInfo {
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** Patches along one side of a tile, {@code S / p}. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Patches per tile, the length of a {@code mask} input. */
    public int patchCount() {
        return gridSize() * gridSize();
    }

    /** Values in one tile's mask input: {@link #patchCount()} for a patch mask, {@code S*S} for a pixel mask. */
    public int maskLength() {
        return maskInput == MaskInput.PATCH ? patchCount() : imageSize * imageSize;
    }

    /** The mask input in words, for info displays. */
    public String maskDescription() {
        return maskInput.describe(imageSize, patchSize);
    }
}
