package com.maeworkbench.app;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real DICOM for the app's tests: Debian's python3-pydicom test files, and multi-frame files written by pydicom
 * from the bundled CT slice. Locally a missing pydicom skips the test; with {@code MAE_REQUIRE_DICOM_TOOLS=1}
 * (set by .ci/run) it fails it, as in the core's DICOM tests.
 */
public final class DicomSamples {

    public static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final String PYTHON = "/usr/bin/python3";

    /**
     * {@code N} frames of the bundled CT slice, each shifted 6 px right and 40 levels up from the one before, stored
     * as 12-bit signed MONOCHROME1 with the CT's rescale to HU: every value transform the image info reports.
     */
    private static final String MULTI_FRAME = String.join("\n",
            "import sys, numpy as np, pydicom",
            "from pydicom.uid import ExplicitVRLittleEndian",
            "src, out, n, scale = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])",
            "d = pydicom.dcmread(src)",
            "a = np.kron(d.pixel_array.astype(np.int32), np.ones((scale, scale), np.int32))",
            "d.Rows, d.Columns = a.shape",
            "d.PixelData = np.stack([np.clip(np.roll(a, 6 * k, axis=1) + 40 * k, -2048, 2047) for k in range(n)]).astype(np.int16).tobytes()",
            "d.NumberOfFrames = n",
            "d.BitsStored, d.HighBit, d.PixelRepresentation = 12, 11, 1",
            "d.PhotometricInterpretation = 'MONOCHROME1'",
            "d.SOPClassUID = d.file_meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7.3'",
            "d.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian",
            "for tag in ('WindowCenter', 'WindowWidth'):",
            "    if tag in d: del d[tag]",
            "d.save_as(out, write_like_original=False)");

    private DicomSamples() {
    }

    static void require(boolean present, String what) {
        if (present) return;
        String message = what + " is not installed (apt-get install python3-pydicom)";
        if ("1".equals(System.getenv("MAE_REQUIRE_DICOM_TOOLS"))) fail(message + "; MAE_REQUIRE_DICOM_TOOLS=1 requires it");
        Assumptions.assumeTrue(false, message);
    }

    /** A file of pydicom's test data, e.g. {@code rtdose.dcm}. */
    public static Path pydicom(String name) {
        Path p = PYDICOM_FILES.resolve(name);
        require(Files.exists(p), "python3-pydicom's test files");
        return p;
    }

    /** pydicom's five-slice CT series (16x16, Image Position (Patient) falling with the file names), copied into {@code dir}. */
    public static Path ctSeries(Path dir) throws IOException {
        Path from = pydicom("dicomdirtests/98892001/CT5N");
        Path to = Files.createDirectories(dir.resolve("CT5N"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    /** {@code frames} frames of the bundled CT slice (128x128) as one 12-bit MONOCHROME1 file (see {@link #MULTI_FRAME}). */
    public static Path multiFrame(Path dir, int frames) throws IOException, InterruptedException {
        return multiFrame(dir, frames, 1);
    }

    /** As {@link #multiFrame(Path, int)}, each pixel {@code scale} x {@code scale} (a bigger file, slower to restore). */
    public static Path multiFrame(Path dir, int frames, int scale) throws IOException, InterruptedException {
        require(Files.isExecutable(Path.of(PYTHON)) && Files.isDirectory(PYDICOM_FILES), "python3-pydicom");
        Path out = dir.resolve(scale == 1 ? "ct-frames.dcm" : "ct-frames-x" + scale + ".dcm");
        Process p = new ProcessBuilder(PYTHON, "-c", MULTI_FRAME, TestAssets.sample("ct-small.dcm").toString(), out.toString(),
                Integer.toString(frames), Integer.toString(scale)).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("pydicom timed out");
        }
        assertEquals(0, p.exitValue(), "pydicom: " + text);
        return out;
    }
}
