/**
 * The MAE runtime: loads a Masked Autoencoder exported to ONNX (contract: {@code assets/README.md}) with
 * ONNX Runtime and uses it as a {@link com.maeworkbench.method.RestorationMethod}.
 *
 * <ul>
 *   <li>{@link com.maeworkbench.mae.MaeModel} — one validated session, CUDA with CPU fallback
 *       ({@link com.maeworkbench.mae.ExecutionChoice} says which and why), {@code runTile} for one S×S tile.</li>
 *   <li>{@link com.maeworkbench.mae.MaeMethod} — whole images: tiles of side S on the patch grid with stride
 *       S/2, blended with raised-cosine weights so no seams show; the mask goes in per patch (a patch is
 *       masked when any of its pixels is) or per pixel, as the model's {@link com.maeworkbench.mae.MaskInput}
 *       says; padding mirrors the image (mask included); gray runs as three equal channels; bit depths above 8
 *       are stretched over the known pixels' 0.5–99.5th percentiles; known pixels are copied exactly; an
 *       incremental entry point reruns only the tiles an edit touches.</li>
 * </ul>
 */
package com.maeworkbench.mae;
