package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract every classical method must keep. */
class ClassicalMethodsTest {

    static List<RestorationMethod> methods() {
        return Methods.classical();
    }

    private static RestorationMethod usable(RestorationMethod m) {
        assumeTrue(m.availability().available(), m.id() + " unavailable: " + m.availability().reason());
        return m;
    }

    @Test
    void registryListsTheClassicalMethodsInDisplayOrder() {
        assertEquals(List.of("bilinear", "gaussian", "median", "bilateral", "telea", "ns"),
                Methods.classical().stream().map(RestorationMethod::id).collect(Collectors.toList()));
        for (RestorationMethod m : Methods.classical()) assertSame(m, Methods.byId(m.id()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.byId("nope"));
        assertTrue(e.getMessage().contains("bilinear"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void constantImageStaysConstant(RestorationMethod method) {
        FloatImage image = TestImages.constant(96, 80, 3, 0.3f);
        Mask mask = MaskShapes.patches(96, 80, 0.5, 8, 3);
        FloatImage out = usable(method).restore(image, mask);
        for (float[] p : out.planes()) {
            for (float v : p) assertEquals(0.3f, v, 1e-6f);
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void knownPixelsStayBitIdenticalAndFillsAreFinite(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(120, 90, 3, 5);
        List<Mask> masks = List.of(MaskShapes.patches(120, 90, 0.6, 8, 11), MaskShapes.strokes(120, 90, 5, 12),
                MaskShapes.patches(120, 90, 0.3, 3, 13));
        for (Mask mask : masks) {
            FloatImage out = method.restore(image, mask);
            for (int c = 0; c < 3; c++) {
                float[] in = image.plane(c), o = out.plane(c);
                for (int i = 0; i < in.length; i++) {
                    if (mask.missing()[i]) {
                        assertTrue(Float.isFinite(o[i]), "non-finite fill at " + i);
                    } else {
                        assertEquals(Float.floatToRawIntBits(in[i]), Float.floatToRawIntBits(o[i]), "known pixel " + i + " changed");
                    }
                }
            }
        }
    }

    /** What lies under the mask is the answer: no method may read it (OpenCV's taps on the first row and column did). */
    @ParameterizedTest
    @MethodSource("methods")
    void hiddenValuesNeverReachTheResult(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(70, 50, 3, 6);
        List<Mask> masks = List.of(MaskShapes.rect(70, 50, 0, 0, 20, 9), MaskShapes.patches(70, 50, 0.5, 4, 7), MaskShapes.strokes(70, 50, 4, 8));
        for (Mask mask : masks) {
            float[][] other = TestImages.snapshot(image);
            java.util.Random rnd = new java.util.Random(9);
            for (float[] p : other) for (int i = 0; i < p.length; i++) if (mask.missing()[i]) p[i] = rnd.nextFloat();
            FloatImage a = method.restore(image, mask), b = method.restore(image.withPlanes(other), mask);
            for (int c = 0; c < 3; c++) assertArrayEquals(a.plane(c), b.plane(c), method.id() + " channel " + c);
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void returnsNewImageAndLeavesInputAndMaskUntouched(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(40, 30, 3, 1);
        float[][] before = TestImages.snapshot(image);
        Mask mask = MaskShapes.strokes(40, 30, 3, 2);
        boolean[] maskBefore = mask.missing().clone();
        FloatImage out = method.restore(image, mask);
        assertNotSame(image, out);
        for (int c = 0; c < 3; c++) {
            assertNotSame(image.plane(c), out.plane(c));
            assertArrayEquals(before[c], image.plane(c));
        }
        assertArrayEquals(maskBefore, mask.missing());
        assertEquals(image.bitDepth(), out.bitDepth());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void deepHoleGetsFiniteValuesWithinTheKnownRange(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(256, 256, 1, 7);
        Mask mask = MaskShapes.rect(256, 256, 28, 28, 200, 200);
        float[] out = method.restore(image, mask).plane(0);
        for (int i = 0; i < out.length; i++) {
            assertTrue(out[i] >= 0 && out[i] <= 1, "pixel " + i + " = " + out[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void singleKnownPixelFillsTheWholeImage(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(33, 21, 3, 9);
        Mask mask = MaskShapes.rect(33, 21, 0, 0, 33, 21);
        mask.missing()[5 * 33 + 20] = false;
        FloatImage out = method.restore(image, mask);
        for (int c = 0; c < 3; c++) {
            float known = image.plane(c)[5 * 33 + 20];
            for (float v : out.plane(c)) assertEquals(known, v, 1e-5f);
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void fullyMaskedImageBecomesMidGrey(RestorationMethod method) {
        FloatImage image = TestImages.natural(17, 9, 3, 2);
        FloatImage out = method.restore(image, MaskShapes.rect(17, 9, 0, 0, 17, 9));
        for (float[] p : out.planes()) for (float v : p) assertEquals(Fills.NO_DATA_FILL, v);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void emptyMaskGivesAnEqualCopy(RestorationMethod method) {
        FloatImage image = TestImages.natural(17, 9, 3, 2);
        FloatImage out = method.restore(image, Mask.empty(17, 9));
        assertNotSame(image.plane(0), out.plane(0));
        for (int c = 0; c < 3; c++) assertArrayEquals(image.plane(c), out.plane(c));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void onePixelImages(RestorationMethod method) {
        FloatImage image = FloatImage.of(1, 1, 8, new float[]{0.7f});
        assertEquals(0.7f, method.restore(image, Mask.empty(1, 1)).plane(0)[0]);
        assertEquals(Fills.NO_DATA_FILL, method.restore(image, new Mask(1, 1, new boolean[]{true})).plane(0)[0]);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void grayImagesWork(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(50, 40, 1, 4);
        Mask mask = MaskShapes.patches(50, 40, 0.5, 5, 4);
        FloatImage out = method.restore(image, mask);
        assertEquals(1, out.channels());
        for (float v : out.plane(0)) assertTrue(Float.isFinite(v));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void maskOfAnotherSizeIsRejected(RestorationMethod method) {
        FloatImage image = TestImages.constant(10, 10, 1, 0.5f);
        assertThrows(IllegalArgumentException.class, () -> method.restore(image, Mask.empty(10, 11)));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void interruptedThreadCancels(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(64, 64, 3, 4);
        Mask mask = MaskShapes.patches(64, 64, 0.5, 8, 4);
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> method.restore(image, mask));
        } finally {
            Thread.interrupted();
        }
    }

    /** Telea and Navier-Stokes report their march with the planes being filled; the result is the plain one. */
    @ParameterizedTest
    @MethodSource("methods")
    void aMonitoredRestoreEqualsThePlainOne(RestorationMethod method) {
        usable(method);
        FloatImage image = TestImages.natural(300, 220, 3, 9);
        Mask mask = MaskShapes.patches(300, 220, 0.5, 16, 2);
        List<Double> done = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger partials = new java.util.concurrent.atomic.AtomicInteger();
        FloatImage monitored = method.restore(image, mask, null, null, new RestoreMonitor() {
            @Override
            public void progress(double share, FloatImage partial) {
                done.add(share);
                if (partial != null) {
                    partials.incrementAndGet();
                    for (int i = 0; i < mask.missing().length; i++) {
                        if (!mask.missing()[i]) assertEquals(image.plane(1)[i], partial.plane(1)[i], "known pixel " + i + " in the partial result");
                    }
                }
            }
        });
        FloatImage plain = method.restore(image, mask);
        for (int c = 0; c < 3; c++) assertArrayEquals(plain.plane(c), monitored.plane(c), method.id() + " channel " + c);
        if (method.id().equals("telea") || method.id().equals("ns")) {
            assertTrue(done.size() >= 5, method.id() + " reported " + done.size() + " times");
            for (int k = 1; k < done.size(); k++) assertTrue(done.get(k) > done.get(k - 1) && done.get(k) < 1);
            assertEquals(done.size(), partials.get());
        }
    }
}
