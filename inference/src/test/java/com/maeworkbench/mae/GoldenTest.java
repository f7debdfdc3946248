package com.maeworkbench.mae;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ONNX Runtime Java against PyTorch on the fixture's golden tiles (format: resources/mae/README.md). */
class GoldenTest {

    private static MaeModel model;
    private static String golden;

    @BeforeAll
    static void load() throws IOException {
        model = Fixtures.open(Fixtures.fixtureModel());
        golden = Files.readString(Fixtures.resource("/mae/golden.json"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "one", "some", "most", "all"})
    void matchesPyTorch(String name) throws IOException {
        int s = model.info().imageSize(), n = model.info().patchCount();
        assertEquals(number("image_size"), s);
        assertEquals(number("patch_size"), model.info().patchSize());
        float[] image = floats("golden-" + name + "-image.f32", 3 * s * s);
        float[] mask = floats("golden-" + name + "-mask.f32", n);
        float[] expected = floats("golden-" + name + "-output.f32", 3 * s * s);
        int visible = 0;
        for (float m : mask) if (m == 0) visible++;
        assertEquals(number("\"" + name + "\""), visible, "visible patches of case " + name);

        float[] actual = model.runTile(image, mask);
        double maxError = 0;
        for (int i = 0; i < expected.length; i++) maxError = Math.max(maxError, Math.abs(actual[i] - expected[i]));
        double tolerance = Double.parseDouble(value("tolerance"));
        assertTrue(maxError <= tolerance, name + ": max abs error " + maxError + " > " + tolerance);
    }

    private static float[] floats(String file, int count) throws IOException {
        Path path = Fixtures.resource("/mae/" + file);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(count * Float.BYTES, bytes.capacity(), file + " size");
        float[] values = new float[count];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static int number(String key) {
        return Integer.parseInt(value(key));
    }

    /** The scalar after {@code key:} in golden.json (keys given with or without quotes). */
    private static String value(String key) {
        String quoted = key.startsWith("\"") ? key : "\"" + key + "\"";
        Matcher m = Pattern.compile(Pattern.quote(quoted) + "\\s*:\\s*([-0-9.eE]+)").matcher(golden);
        assertTrue(m.find(), key + " missing in golden.json");
        return m.group(1);
    }
}
