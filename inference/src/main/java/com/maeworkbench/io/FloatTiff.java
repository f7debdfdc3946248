package com.maeworkbench.io;

import javax.imageio.IIOImage;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * One-plane 32-bit IEEE float TIFF (little-endian, SampleFormat 3, Adobe Deflate), for maps such as the MAE's uncertainty that
 * must keep their exact values. Written and read by the JDK's TIFF plugin: TwelveMonkeys 3.13.1's writer
 * rejects float samples ("Not implemented for data type: 4") and its reader clamps them to [0,1].
 */
public final class FloatTiff {

    private FloatTiff() {
    }

    /** Writes {@code values} ({@code width x height}, row-major) atomically to {@code path}. */
    public static void write(int width, int height, float[] values, Path path) throws ImageFileException {
        if (values.length != width * height) throw new IllegalArgumentException(values.length + " values for " + width + "x" + height);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        raster.setDataElements(0, 0, width, height, values);
        BufferedImage image = new BufferedImage(cm, raster, false, null);
        try {
            AtomicFiles.write(path, temp -> {
                ImageWriter writer = jdk(ImageIO.getImageWritersByFormatName("tiff"));
                try (ImageOutputStream out = ImageIO.createImageOutputStream(temp.toFile())) {
                    writer.setOutput(out);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType("ZLib"); // Adobe Deflate, compression 8: what libtiff writes
                    writer.write(littleEndian(writer, param), new IIOImage(image, null, null), param);
                } finally {
                    writer.dispose();
                }
            });
        } catch (IOException e) {
            throw new ImageFileException(path, "cannot write (" + ImageFiles.describe(e) + ")", e);
        }
    }

    /** Reads a one-plane float TIFF written by {@link #write} (or any other writer) back into its values. */
    public static float[] read(Path path) throws ImageFileException {
        ImageReader reader = jdk(ImageIO.getImageReadersByFormatName("tiff"));
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) throw new ImageFileException(path, "file not found");
            reader.setInput(in, true, true);
            Raster raster = reader.read(0).getRaster();
            if (raster.getNumBands() != 1 || raster.getTransferType() != DataBuffer.TYPE_FLOAT) {
                throw new ImageFileException(path, "not a one-plane 32-bit float TIFF");
            }
            return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (float[]) null);
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException(path, "cannot read float TIFF (" + ImageFiles.describe(e) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Stream metadata asking for little-endian ("II") files: the JDK writes big-endian by default, and
     * Pillow 9 decodes big-endian compressed float samples without swapping their bytes.
     */
    private static IIOMetadata littleEndian(ImageWriter writer, ImageWriteParam param) throws IIOInvalidTreeException {
        IIOMetadata stream = writer.getDefaultStreamMetadata(param);
        String format = stream.getNativeMetadataFormatName();
        IIOMetadataNode root = new IIOMetadataNode(format), order = new IIOMetadataNode("ByteOrder");
        order.setAttribute("value", "LITTLE_ENDIAN");
        root.appendChild(order);
        stream.setFromTree(format, root);
        return stream;
    }

    /** The JDK's own TIFF reader or writer (javax.imageio, Java 9+), ahead of plugins registered for TIFF. */
    private static <T> T jdk(Iterator<T> candidates) {
        while (candidates.hasNext()) {
            T t = candidates.next();
            if (t.getClass().getModule() == ImageIO.class.getModule()) return t;
        }
        throw new IllegalStateException("the JDK's TIFF plugin (javax.imageio) is missing");
    }
}
