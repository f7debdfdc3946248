package com.maeworkbench.mae;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime Java against PyTorch on golden tiles (format: resources/mae/README.md), for the random-weight
 * patch- and pixel-mask fixtures and for the shipped model (assets/model/golden, either variant: golden.json's
 * {@code mask_input}, {@code mask} when absent), at 0, 1, some, N-1 and N visible patches.
 */
class GoldenTest {

    static final Path SHIPPED = Path.of("../assets/model");

    static Stream<Arguments> cases() {
        Path fixture = Fixtures.fixtureModel(), pixel = Fixtures.pixelFixtureModel();
        List<String> names = List.of("none", "one", "some", "most", "all");
        return Stream.of(Arguments.of("fixture", fixture, fixture.getParent()),
                        Arguments.of("pixel fixture", pixel, pixel.getParent()),
                        Arguments.of("shipped", SHIPPED.resolve("mae.onnx"), SHIPPED.resolve("golden")))
                .flatMap(a -> names.stream().map(n -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], n)));
    }

    @ParameterizedTest(name = "{0} model, {3} visible")
    @MethodSource("cases")
    void matchesPyTorch(String label, Path modelFile, Path goldenDir, String name) throws IOException {
        String golden = Files.readString(goldenDir.resolve("golden.json"));
        try (MaeModel model = Fixtures.open(modelFile)) {
            ModelInfo info = model.info();
            int s = info.imageSize();
            assertEquals(number(golden, "image_size"), s);
            assertEquals(number(golden, "patch_size"), info.patchSize());
            Matcher maskInput = Pattern.compile("\"mask_input\"\\s*:\\s*\"(\\w+)\"").matcher(golden);
            assertEquals(maskInput.find() ? maskInput.group(1) : "mask", info.maskInput().inputName(), "mask_input in golden.json");
            float[] image = floats(goldenDir, "golden-" + name + "-image.f32", 3 * s * s);
            float[] mask = floats(goldenDir, "golden-" + name + "-mask.f32", info.maskLength());
            float[] expected = floats(goldenDir, "golden-" + name + "-output.f32", 3 * s * s);
            assertEquals(number(golden, "\"" + name + "\""), visiblePatches(info, mask), "visible patches of case " + name);

            float[] actual = model.runTile(image, mask);
            double maxError = 0;
            for (int i = 0; i < expected.length; i++) maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
            double tolerance = Double.parseDouble(value(golden, "tolerance"));
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

    private static int number(String golden, String key) {
        return Integer.parseInt(value(golden, key));
    }

    /** The scalar after {@code key:} in golden.json (keys given with or without quotes). */
    private static String value(String golden, String key) {
        String quoted = key.startsWith("\"") ? key : "\"" + key + "\"";
        Matcher m = Pattern.compile(Pattern.quote(quoted) + "\\s*:\\s*([-0-9.eE]+)").matcher(golden);
        assertTrue(m.find(), key + " missing in golden.json");
        return m.group(1);
    }
}
