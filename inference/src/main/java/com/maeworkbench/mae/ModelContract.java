package com.maeworkbench.mae;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks an opened session against the model contract in {@code assets/README.md}. */
final class ModelContract {

    static final String IMAGE = "image";
    static final String RECONSTRUCTION = "reconstruction";
    private static final List<String> REQUIRED_METADATA =
            List.of("patch_size", "image_size", "model_name", "model_version", "training_summary");

    private ModelContract() {
    }

    /** The model's info, or an exception whose message names the first broken rule. */
    static ModelInfo validate(OrtSession session, Path file) throws MaeModelException {
        try {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            for (String key : REQUIRED_METADATA) {
                if (!meta.containsKey(key)) throw violation(file, "metadata '" + key + "' missing");
            }
            int s = positiveInt(meta, "image_size", file);
            int p = positiveInt(meta, "patch_size", file);
            if (s % p != 0) throw violation(file, "metadata image_size " + s + " is not a multiple of patch_size " + p);

            Map<String, NodeInfo> inputs = session.getInputInfo();
            MaskInput maskInput = inputs.containsKey(MaskInput.PIXEL.inputName()) ? MaskInput.PIXEL : MaskInput.PATCH;
            // One rule for both variants, so a model with both masks or neither gets the same one-line reason.
            if (!inputs.keySet().equals(Set.of(IMAGE, maskInput.inputName()))) {
                throw violation(file, "inputs must be exactly 'image' and 'mask' (patch mask) or 'image' and 'pixel_mask'"
                        + " (pixel mask), found " + inputs.keySet());
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (!outputs.containsKey(RECONSTRUCTION)) {
                throw violation(file, "output 'reconstruction' missing, found " + outputs.keySet());
            }
            checkShape(file, "input", inputs.get(IMAGE), new long[]{1, 3, s, s});
            checkShape(file, "input", inputs.get(maskInput.inputName()), maskInput.shape(s, p));
            checkShape(file, "output", outputs.get(RECONSTRUCTION), new long[]{1, 3, s, s});
            return new ModelInfo(meta.get("model_name"), meta.get("model_version"), s, p, maskInput,
                    meta.get("training_summary"), meta, file);
        } catch (OrtException e) {
            throw new MaeModelException(file, "cannot read inputs, outputs or metadata: " + e.getMessage(), e);
        }
    }

    private static int positiveInt(Map<String, String> meta, String key, Path file) throws MaeModelException {
        String value = meta.get(key).trim();
        try {
            int v = Integer.parseInt(value);
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw violation(file, "metadata " + key + "='" + value + "' is not a positive integer");
    }

    /** Each dimension must equal the expected one or be dynamic (negative: a symbolic or unknown dim). */
    private static void checkShape(Path file, String kind, NodeInfo node, long[] expected) throws MaeModelException {
        if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
            throw violation(file, kind + " '" + node.getName() + "' must be a float32 tensor, found " + node.getInfo());
        }
        long[] shape = info.getShape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) ok = shape[i] < 0 || shape[i] == expected[i];
        if (!ok) {
            throw violation(file, kind + " '" + node.getName() + "' has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(expected) + " from metadata image_size/patch_size");
        }
    }

    private static MaeModelException violation(Path file, String what) {
        return new MaeModelException(file, "breaks the model contract: " + what);
    }
}
