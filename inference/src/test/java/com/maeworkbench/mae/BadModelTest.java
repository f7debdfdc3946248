package com.maeworkbench.mae;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadModelTest {

    @TempDir
    Path dir;

    private static MaeModelException rejected(Path file, String... causeWords) {
        MaeModelException e = assertThrows(MaeModelException.class, () -> MaeModel.open(file, Device.CPU));
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "message must be one line: " + m);
        assertTrue(m.contains(file.toAbsolutePath().normalize().toString()), "message must name the file: " + m);
        for (String word : causeWords) assertTrue(m.contains(word), "message should mention '" + word + "': " + m);
        assertEquals(file.toAbsolutePath().normalize(), e.file());
        return e;
    }

    @Test
    void missingFile() {
        rejected(dir.resolve("nope.onnx"), "not found");
    }

    @Test
    void directoryInsteadOfFile() {
        rejected(dir, "not a regular file");
    }

    @Test
    void zeroByteFile() throws IOException {
        rejected(Files.createFile(dir.resolve("empty.onnx")), "empty");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        rejected(Files.write(dir.resolve("junk.onnx"), junk), "not an ONNX model or corrupt");
    }

    @Test
    void truncatedModel() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.meanFillModel());
        byte[] half = java.util.Arrays.copyOf(good, good.length / 2);
        MaeModelException e = assertThrows(MaeModelException.class,
                () -> MaeModel.open(Files.write(dir.resolve("half.onnx"), half), Device.CPU));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void wrongInputNames() {
        rejected(Fixtures.resource("/mae/contract/bad-names.onnx"), "breaks the model contract", "'image' and 'mask'", "[x]");
    }

    @Test
    void bothMaskInputsAreRejected() {
        rejected(Fixtures.resource("/mae/contract/both-masks.onnx"), "breaks the model contract",
                "'image' and 'pixel_mask'", "pixel_mask]");
    }

    @Test
    void noMaskInputIsRejected() {
        rejected(Fixtures.resource("/mae/contract/no-mask.onnx"), "breaks the model contract", "'image' and 'mask'", "found [image]");
    }

    @Test
    void pixelMaskOfThePatchMaskShapeIsRejected() {
        rejected(Fixtures.resource("/mae/contract/bad-pixel-shape.onnx"), "breaks the model contract",
                "'pixel_mask' has shape [1, 1024]", "expected [1, 1, 32, 32]");
    }

    @Test
    void metadataDisagreesWithShapes() {
        rejected(Fixtures.resource("/mae/contract/bad-image-size.onnx"), "breaks the model contract", "'image'", "[1, 3, 64, 64]");
    }

    @Test
    void missingPatchSize() {
        rejected(Fixtures.resource("/mae/contract/no-patch-size.onnx"), "metadata 'patch_size' missing");
    }

    @Test
    void unavailableMethodCarriesTheReason() {
        Path missing = dir.resolve("gone.onnx");
        MaeMethod method = MaeMethod.load(missing, Device.CPU);
        assertFalse(method.availability().available());
        assertTrue(method.availability().reason().contains("gone.onnx"), method.availability().reason());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> method.restore(Fixtures.randomRgb(4, 4, 1), Fixtures.all(4, 4)));
        assertTrue(e.getMessage().contains("gone.onnx"), e.getMessage());
        assertThrows(IllegalStateException.class, method::info);
    }
}
