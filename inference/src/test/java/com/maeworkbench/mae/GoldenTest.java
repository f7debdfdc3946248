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
 * fixture and for the shipped model (assets/model/golden), at 0, 1, some, N-1 and N visible patches.
 */
class GoldenTest {

    static final Path SHIPPED = Path.of("../assets/model");

    static Stream<Arguments> cases() {
        Path fixtureDir = Fixtures.fixtureModel().getParent();
        List<String> names = List.of("none", "one", "some", "most", "all");
        Stream<Arguments> fixture = names.stream().map(n -> Arguments.of("fixture", fixtureDir.resolve("fixture.onnx"), fixtureDir, n));
        Stream<Arguments> shipped = names.stream().map(n -> Arguments.of("shipped", SHIPPED.resolve("mae.onnx"), SHIPPED.resolve("golden"), n));
        return Stream.concat(fixture, shipped);
    }

    @ParameterizedTest(name = "{0} model, {3} visible")
    @MethodSource("cases")
    void matchesPyTorch(String label, Path modelFile, Path goldenDir, String name) throws IOException {
        String golden = Files.readString(goldenDir.resolve("golden.json"));
        try (MaeModel model = Fixtures.open(modelFile)) {
            int s = model.info().imageSize(), n = model.info().patchCount();
            assertEquals(number(golden, "image_size"), s);
            assertEquals(number(golden, "patch_size"), model.info().patchSize());
            float[] image = floats(goldenDir, "golden-" + name + "-image.f32", 3 * s * s);
            float[] mask = floats(goldenDir, "golden-" + name + "-mask.f32", n);
            float[] expected = floats(goldenDir, "golden-" + name + "-output.f32", 3 * s * s);
            int visible = 0;
            for (float m : mask) if (m == 0) visible++;
            assertEquals(number(golden, "\"" + name + "\""), visible, "visible patches of case " + name);

            float[] actual = model.runTile(image, mask);
            double maxError = 0;
            for (int i = 0; i < expected.length; i++) maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
            double tolerance = Double.parseDouble(value(golden, "tolerance"));
            assertTrue(maxError <= tolerance, label + " " + name + ": max abs error " + maxError + " > " + tolerance);
        }
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
