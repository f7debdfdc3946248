package com.maeworkbench.fuzz;

import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.MaeModelException;

import java.nio.file.Path;

import static com.maeworkbench.fuzz.Decoding.check;

/**
 * Corrupted ONNX models: ONNX Runtime's loader and our model-contract checks must refuse them with one
 * {@link MaeModelException} line naming the file, or open a model that keeps the contract.
 */
class ModelFuzzTest {

    private static final Path FILE = Decoding.tempFile("model.onnx");

    @DecoderFuzzTest
    void model(byte[] data) {
        Decoding.write(FILE, data);
        Decoding.silent(() -> {
            try (MaeModel model = MaeModel.open(FILE, Device.CPU, 1)) {
                int s = model.info().imageSize(), p = model.info().patchSize();
                check(s > 0 && p > 0 && s % p == 0, "opened a model of image_size " + s + ", patch_size " + p);
                // the tile buffers (3*S*S floats, direct) must be allocatable when the first tile runs
                check(4L * 3 * s * s <= Integer.MAX_VALUE, "opened a model whose tile buffers overflow: image_size " + s);
            } catch (MaeModelException e) {
                String m = e.getMessage();
                check(m.startsWith("MAE model " + FILE + ": "), "message does not name the file: " + m, e);
                check(!m.contains("\n") && !m.contains("\r"), "message is not one line: " + m, e);
                check(FILE.equals(e.file()), "exception names " + e.file(), e);
                Decoding.causes(e, m);
            }
        });
    }
}
