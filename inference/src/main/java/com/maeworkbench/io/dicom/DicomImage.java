package com.maeworkbench.io.dicom;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A DICOM file opened once: its header is parsed and checked (size against the pixel cap, pixel format,
 * frame count) and each frame is decoded when asked for, reading only that frame's bytes. Holds no open file.
 * Every failure is one {@link ImageFileException} line naming the file.
 *
 * <pre>{@code
 * DicomImage dicom = DicomImage.open(path, ImageFiles.DEFAULT_MAX_PIXELS);
 * for (int i = 0; i < dicom.frames(); i++) show(dicom.frame(i)); // source().frame() == i
 * }</pre>
 */
public final class DicomImage {

    private final DicomHeader header;
    private final PixelFormat format;

    private DicomImage(DicomHeader header, PixelFormat format) {
        this.header = header;
        this.format = format;
    }

    public static DicomImage open(Path path, long maxPixels) throws ImageFileException {
        return guard(path, () -> {
            DicomHeader header = DicomParser.parse(path, ByteStore.of(path, Files.size(path)));
            PixelFormat format = PixelFormat.of(header);
            ImageFiles.checkSize(path, format.columns(), format.rows(), maxPixels);
            return new DicomImage(header, format);
        });
    }

    /** Whether the first bytes of a file look like a DICOM dataset written without the preamble. */
    public static boolean looksLikeDataset(byte[] head, int n) {
        return DicomParser.looksLikeDataset(head, n);
    }

    public Path path() {
        return header.path;
    }

    public int frames() {
        return format.frames();
    }

    public int width() {
        return format.columns();
    }

    public int height() {
        return format.rows();
    }

    /** The transfer syntax's name, e.g. "JPEG 2000 lossless". */
    public String transferSyntax() {
        return header.syntax.name();
    }

    /** Decodes frame {@code index} (0-based); its {@code source()} says the frame and every value transform. */
    public FloatImage frame(int index) throws ImageFileException {
        if (index < 0 || index >= format.frames()) {
            throw header.fail("frame " + index + " does not exist (the file has " + format.frames() + " frame" + (format.frames() == 1 ? ")" : "s, 0.." + (format.frames() - 1) + ")"));
        }
        ImageFiles.checkMemory(header.path, format.decodedBytes());
        return guard(header.path, () -> format.floating()
                ? PixelConverter.floats(header, format, index, FrameDecoder.floats(header, format, index))
                : PixelConverter.integers(header, format, index, FrameDecoder.integers(header, format, index)));
    }

    /** Series Instance UID (empty when absent). */
    public String seriesUid() {
        return header.string(DicomHeader.SERIES_UID);
    }

    public OptionalInt instanceNumber() {
        double n = header.number(DicomHeader.INSTANCE_NUMBER, 0, Double.NaN);
        return Double.isNaN(n) ? OptionalInt.empty() : OptionalInt.of((int) n);
    }

    /** Image Position (Patient) projected on the slice normal (row x column direction), when both are present. */
    public Optional<Double> slicePosition() {
        double[] position = header.numbers(DicomHeader.IMAGE_POSITION, 3), o = header.numbers(DicomHeader.IMAGE_ORIENTATION, 6);
        if (position == null || o == null) return Optional.empty();
        double nx = o[1] * o[5] - o[2] * o[4], ny = o[2] * o[3] - o[0] * o[5], nz = o[0] * o[4] - o[1] * o[3];
        return Optional.of(position[0] * nx + position[1] * ny + position[2] * nz);
    }

    /** The parsed header, for the exporter in this package. */
    DicomHeader header() {
        return header;
    }

    PixelFormat format() {
        return format;
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    /** Maps whatever a decoder throws to one line naming the file. */
    private static <T> T guard(Path path, Action<T> action) throws ImageFileException {
        try {
            return action.run();
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (isTruncation(e)) throw new ImageFileException(path, "truncated DICOM (unexpected end of file)");
            throw new ImageFileException(path, "corrupt DICOM data (" + ImageFiles.describe(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw ImageFiles.outOfMemory(path, e);
        } catch (StackOverflowError e) {
            throw new ImageFileException(path, "corrupt DICOM data (nested too deeply to decode)", e);
        }
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof EOFException) return true;
        return false;
    }
}
