package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.io.dicom.DicomImage;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads PNG, JPEG, TIFF, BMP, PNM and DICOM into a {@link FloatImage}, and writes PNG or TIFF.
 * The format is recognised by content, never by extension. Every failure is one {@link ImageFileException}.
 */
public final class ImageFiles {

    /** Default cap on width x height, checked from the header before any pixel buffer is allocated. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000;

    private ImageFiles() {
    }

    enum Format {
        PNG("png"), JPEG("jpeg"), TIFF("tiff"), BMP("bmp"), PNM("pnm"), DICOM(null);

        final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }

        /** Recognises a format from the first bytes of a file ({@code n} of them valid). */
        static Format detect(byte[] h, int n) {
            if (n >= 132 && h[128] == 'D' && h[129] == 'I' && h[130] == 'C' && h[131] == 'M') return DICOM;
            if (startsWith(h, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
            if (startsWith(h, n, 0xFF, 0xD8, 0xFF)) return JPEG;
            if (startsWith(h, n, 'I', 'I', 42, 0) || startsWith(h, n, 'M', 'M', 0, 42)
                    || startsWith(h, n, 'I', 'I', 43, 0) || startsWith(h, n, 'M', 'M', 0, 43)) return TIFF;
            if (startsWith(h, n, 'B', 'M')) return BMP;
            if (n >= 3 && h[0] == 'P' && h[1] >= '1' && h[1] <= '7' && Character.isWhitespace(h[2])) return PNM;
            if (DicomImage.looksLikeDataset(h, n)) return DICOM;
            return null;
        }

        private static boolean startsWith(byte[] h, int n, int... magic) {
            if (n < magic.length) return false;
            for (int i = 0; i < magic.length; i++) if ((h[i] & 0xFF) != magic[i]) return false;
            return true;
        }
    }

    /** Reads the first image (page, frame) of a file, refusing images of more than {@code maxPixels} pixels. */
    public static FloatImage read(Path path, long maxPixels) throws ImageFileException {
        return read(path, 0, maxPixels);
    }

    /**
     * Reads frame {@code frame} (0-based) of a file: any frame of a multi-frame DICOM, frame 0 of every other
     * format. To read several frames of one DICOM file, open it once with {@link DicomImage#open}.
     */
    public static FloatImage read(Path path, int frame, long maxPixels) throws ImageFileException {
        Format format = detect(path);
        if (format == Format.DICOM) return DicomImage.open(path, maxPixels).frame(frame);
        if (frame != 0) throw new ImageFileException(path, "frame " + frame + " does not exist (" + format.name() + " files are read as one frame)");
        try {
            return readImageIO(path, format, maxPixels);
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (isTruncation(e)) throw truncated(path, format.name());
            throw new ImageFileException(path, "corrupt " + format.name() + " data (" + describe(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, e);
        } catch (StackOverflowError e) {
            throw new ImageFileException(path, "corrupt " + format.name() + " data (nested too deeply to decode)", e);
        }
    }

    /** The refusal for a decoder that ran out of heap; the error is kept as the cause (tests check that none happens). */
    public static ImageFileException outOfMemory(Path path, OutOfMemoryError e) {
        return new ImageFileException(path, "not enough memory to decode the image (raise -Xmx or use a smaller image)", e);
    }

    /** Whether the file's content is DICOM (false for unreadable or other files). */
    public static boolean isDicom(Path path) {
        try {
            return detect(path) == Format.DICOM;
        } catch (ImageFileException e) {
            return false;
        }
    }

    private static Format detect(Path path) throws ImageFileException {
        byte[] head = new byte[132];
        int n = 0;
        try (InputStream in = Files.newInputStream(path)) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) n += r;
        } catch (NoSuchFileException e) {
            throw new ImageFileException(path, "file not found");
        } catch (AccessDeniedException e) {
            throw new ImageFileException(path, "permission denied");
        } catch (IOException e) {
            throw new ImageFileException(path, Files.isDirectory(path) ? "is a directory" : "cannot read (" + describe(e) + ")", e);
        }
        if (n == 0) throw new ImageFileException(path, "file is empty");
        Format format = Format.detect(head, n);
        if (format == null) throw new ImageFileException(path, "not a recognised image format");
        return format;
    }

    private static FloatImage readImageIO(Path path, Format format, long maxPixels) throws IOException {
        ImageReader reader = reader(format);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new FileImageInputStream(path.toFile())) {
            if (format == Format.TIFF) TiffIfd.check(path, in);
            reader.setInput(in, true, true);
            int width = reader.getWidth(0), height = reader.getHeight(0);
            checkSize(path, width, height, maxPixels);
            checkMemory(path, decodedBytes(reader, (long) width * height));
            if (format == Format.TIFF && floatSamples(reader)) {
                // TwelveMonkeys 3.13.1 clamps float samples to [0,1]; the JDK's TIFF reader keeps their values.
                reader.dispose();
                reader = jdkReader(format);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                in.seek(0);
                reader.setInput(in, true, true);
            }
            if (format == Format.PNG) PngChunks.verify(path);
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (warnings.stream().anyMatch(ImageFiles::isTruncationWarning)) throw truncated(path, format.name());
                throw e;
            }
            // JPEG decoders pad a cut-off file with gray and only warn; a restoration tool must not accept that.
            if (warnings.stream().anyMatch(ImageFiles::isTruncationWarning)) throw truncated(path, format.name());
            FloatImage decoded = Rasters.toFloatImage(image);
            SourceInfo s = decoded.source();
            return decoded.withSource(new SourceInfo(format.name(), 0, 1, s.alphaDropped(), s.transforms()));
        } finally {
            reader.dispose();
        }
    }

    /**
     * TwelveMonkeys' reader for the format: the most capable, and the one the tests pin down. Looked up by
     * vendor, since jai-imageio-core (which JPEG 2000 brings) registers TIFF and PNM readers ahead of it.
     */
    private static ImageReader reader(Format format) {
        ImageReader first = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().startsWith("com.twelvemonkeys.")) return reader;
            if (first == null) first = reader;
        }
        return first;
    }

    /**
     * Peak heap of decoding: the decoder's raster (bytes per pixel of its sample model) and our float planes
     * (one for gray, three for anything in colour).
     */
    private static long decodedBytes(ImageReader reader, long pixels) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) type = reader.getImageTypes(0).next();
        SampleModel model = type.getSampleModel(1, 1);
        long raster = (long) DataBuffer.getDataTypeSize(model.getDataType()) / 8 * model.getNumDataElements();
        long planes = type.getColorModel().getNumColorComponents() == 1 ? 4 : 12;
        return pixels * (raster + planes);
    }

    /**
     * Refuses to decode what would not fit in the heap left, before allocating it: a file of a few hundred
     * kilobytes can declare 100 megapixels of 16-bit RGB, which takes 1.8 GB to decode. A quarter of the heap is
     * kept back for the decoder's own buffers and the rest of the program: large arrays need contiguous space,
     * and a heap filled to the brim spends its time collecting. Garbage counts as used until collected, so the
     * heap is collected once before refusing.
     */
    public static void checkMemory(Path path, long bytes) throws ImageFileException {
        if (bytes <= usableHeap()) return;
        System.gc();
        long usable = usableHeap();
        if (bytes <= usable) return;
        throw new ImageFileException(path, "decoding needs " + (bytes >> 20) + " MB of memory, " + Math.max(0, usable >> 20)
                + " MB are free (raise -Xmx or use a smaller image)");
    }

    private static long usableHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - rt.totalMemory() + rt.freeMemory() - rt.maxMemory() / 4;
    }

    private static boolean floatSamples(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        int data = type == null ? DataBuffer.TYPE_UNDEFINED : type.getSampleModel().getDataType();
        return data == DataBuffer.TYPE_FLOAT || data == DataBuffer.TYPE_DOUBLE;
    }

    private static ImageReader jdkReader(Format format) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getModule() == ImageIO.class.getModule()) return reader;
        }
        throw new IllegalStateException("the JDK has no " + format.imageIoName + " reader");
    }

    /** Refuses a declared size before anything proportional to it is allocated. */
    public static void checkSize(Path path, long width, long height, long maxPixels) throws ImageFileException {
        if (width <= 0 || height <= 0) throw new ImageFileException(path, "invalid image size " + width + "x" + height);
        long pixels = width * height;
        long limit = Math.min(maxPixels, Integer.MAX_VALUE - 8); // a plane is one Java array
        if (pixels > limit) {
            String size = width + "x" + height + " = ";
            throw new ImageFileException(path, limit >= 1_000_000
                    ? size + megapixels(pixels) + " megapixels exceeds the " + megapixels(limit) + " megapixel limit"
                    : size + pixels + " pixels exceeds the " + limit + " pixel limit");
        }
    }

    private static String megapixels(long pixels) {
        return BigDecimal.valueOf(pixels, 6).setScale(pixels >= 10_000_000 ? 0 : 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    static ImageFileException truncated(Path path, String format) {
        return new ImageFileException(path, "truncated " + format + " (unexpected end of file)");
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof EOFException) return true;
        return false;
    }

    private static boolean isTruncationWarning(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("truncated") || w.contains("premature end");
    }

    /**
     * The innermost message of a failure, without class names or stack traces. A runtime exception is a
     * decoder's bug tripped by malformed data (a ClassCastException, an enum lookup of file bytes): its
     * message speaks of the decoder's internals, so only its kind is named.
     */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (!(root instanceof IOException)) return "decoder failed with " + root.getClass().getSimpleName();
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /**
     * Writes PNG ({@code .png}) or TIFF ({@code .tif}, {@code .tiff}), gray or RGB as the image. Images of
     * bit depth up to 8 are written with 8 bits per sample, deeper ones (16, or a DICOM BitsStored such as 12)
     * with 16 bits, each value rounded from [0,1] to the full range {@code 0..2^bits-1}. Full range keeps the
     * file looking right in every viewer, and every 12-bit level still maps to its own 16-bit level, so the
     * stored levels survive. The file is replaced atomically: readers see the old file or the new one.
     */
    public static void write(FloatImage image, Path path) throws ImageFileException {
        String format = switch (extension(path)) {
            case "png" -> "png";
            case "tif", "tiff" -> "tiff";
            default -> throw new ImageFileException(path, "cannot write '." + extension(path) + "' files (use .png, .tif or .tiff)");
        };
        writeAtomically(Rasters.toBufferedImage(image, image.bitDepth() <= 8 ? 8 : 16), format, path);
    }

    /** Encodes to a temporary file next to {@code path}, then moves it into place; on failure nothing is left behind. */
    static void writeAtomically(BufferedImage image, String format, Path path) throws ImageFileException {
        try {
            AtomicFiles.write(path, temp -> {
                ImageWriter writer = writer(format);
                try (ImageOutputStream out = new FileImageOutputStream(temp.toFile())) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(image, null, null), writeParam(writer, format));
                } finally {
                    writer.dispose();
                }
            });
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof NoSuchFileException ? "folder does not exist"
                    : e instanceof AccessDeniedException ? "permission denied" : describe(e);
            throw new ImageFileException(path, "cannot write (" + reason + ")", e);
        }
    }

    /** The JDK's own writer where there is one: TwelveMonkeys 3.13.1's TIFF writer cannot encode 16-bit RGB. */
    private static ImageWriter writer(String format) {
        ImageWriter first = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getModule() == ImageIO.class.getModule()) return writer;
            if (first == null) first = writer;
        }
        return first;
    }

    private static ImageWriteParam writeParam(ImageWriter writer, String format) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format.equals("tiff") && param.canWriteCompressed() && Arrays.asList(param.getCompressionTypes()).contains("LZW")) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
        }
        return param;
    }

    /**
     * The extension for images derived from {@code source} (restorations of it), used by the CLI and the app
     * alike: the source's own container where this class writes it and it holds the source's bit depth
     * (TIFF, PNG: 8 and 16 bits per sample), otherwise lossless PNG (JPEG, BMP, PNM, DICOM). By extension,
     * since the source may be gone by the time results are written.
     */
    public static String resultExtension(Path source) {
        return switch (extension(source)) {
            case "tif", "tiff" -> "tif";
            default -> "png";
        };
    }

    /** The file name without its last extension ({@code scan.dcm} -> {@code scan}), for naming derived files. */
    public static String stem(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String extension(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
