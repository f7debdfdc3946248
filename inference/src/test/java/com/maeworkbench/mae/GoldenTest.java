package com.maeworkbench.mae;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime Java against PyTorch on golden tiles (format: resources/mae/README.md), for the random-weight
 * patch- and pixel-mask fixtures and for the shipped model (assets/model/golden, either variant: golden.json's
 * {@code mask_input}, {@code mask} when absent), at 0, 1, some, N-1 and N visible patches. A candidate model
 * joins with {@code -Dmae.candidate=DIR} (DIR/mae.onnx and DIR/golden from export.py), e.g. a model just trained.
 */
class GoldenTest {

    static final Path SHIPPED = Path.of("../assets/model");

    static Stream<Arguments> cases() {
        Path fixture = Fixtures.fixtureModel(), pixel = Fixtures.pixelFixtureModel();
        List<String> names = List.of("none", "one", "some", "most", "all");
        String candidate = System.getProperty("mae.candidate", "");
        Stream<Arguments> extra = candidate.isBlank() ? Stream.empty()
                : Stream.of(Arguments.of("candidate", Path.of(candidate, "mae.onnx"), Path.of(candidate, "golden")));
        return Stream.concat(Stream.of(Arguments.of("fixture", fixture, fixture.getParent()),
                        Arguments.of("pixel fixture", pixel, pixel.getParent()),
                        Arguments.of("shipped", SHIPPED.resolve("mae.onnx"), SHIPPED.resolve("golden"))), extra)
                .flatMap(a -> names.stream().map(n -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], n)));
    }

    @ParameterizedTest(name = "{0} model, {3} visible")
    @MethodSource("cases")
    void matchesPyTorch(String label, Path modelFile, Path goldenDir, String name) throws IOException {
        JsonObject golden = JsonParser.parseString(Files.readString(goldenDir.resolve("golden.json"))).getAsJsonObject();
        try (MaeModel model = Fixtures.open(modelFile)) {
            ModelInfo info = model.info();
            int s = info.imageSize();
            assertEquals(golden.get("image_size").getAsInt(), s);
            assertEquals(golden.get("patch_size").getAsInt(), info.patchSize());
            String maskInput = golden.has("mask_input") ? golden.get("mask_input").getAsString() : "mask";
            assertEquals(maskInput, info.maskInput().inputName(), "mask_input in golden.json");
            float[] image = floats(goldenDir, "golden-" + name + "-image.f32", 3 * s * s);
            float[] mask = floats(goldenDir, "golden-" + name + "-mask.f32", info.maskLength());
            float[] expected = floats(goldenDir, "golden-" + name + "-output.f32", 3 * s * s);
            assertEquals(golden.getAsJsonObject("visible_patches").get(name).getAsInt(), visiblePatches(info, mask), "visible patches of case " + name);

            float[] actual = model.runTile(image, mask);
            double maxError = 0;
            for (int i = 0; i < expected.length; i++) maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
            double tolerance = golden.get("tolerance").getAsDouble();
            assertTrue(maxError <= tolerance, label + " " + name + ": max abs error " + maxError + " > " + tolerance);
        }
    }

    /** Patches the encoder sees: unmasked ones for a patch mask, ones with a known pixel for a pixel mask. */
    private static int visiblePatches(ModelInfo info, float[] mask) {
        if (info.maskInput() == MaskInput.PATCH) {
            int visible = 0;
            for (float m : mask) if (m == 0) visible++;
            return visible;
        }
        int s = info.imageSize(), p = info.patchSize(), g = info.gridSize();
        boolean[] seen = new boolean[info.patchCount()];
        for (int i = 0; i < mask.length; i++) if (mask[i] == 0) seen[i / s / p * g + i % s / p] = true;
        int visible = 0;
        for (boolean v : seen) if (v) visible++;
        return visible;
    }

    private static float[] floats(Path dir, String file, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(count * Float.BYTES, bytes.capacity(), file + " size");
        float[] values = new float[count];
        bytes.asFloatBuffer().get(values);
        return values;
    }
}
