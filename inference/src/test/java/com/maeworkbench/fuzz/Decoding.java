package com.maeworkbench.fuzz;

import com.code_intelligence.jazzer.utils.Log;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.dicom.DicomImage;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The invariant every decoder is fuzzed against (issue 10): any file gives a valid image or one
 * {@link ImageFileException} whose message is one line naming the file. Any other exception or error
 * escapes to Jazzer as a finding; so does a decoder that ran out of memory (the fuzz JVM has a 1.5 GB heap
 * and every input is under 1 MB), even where the decoder turned that into a message. Hangs are caught by
 * each target's {@code @Timeout}, which Jazzer applies to every input.
 */
final class Decoding {

    /** One file per fuzz JVM, rewritten for every input: the decoders read files, as the CLI and app do. */
    static final Path FILE = tempFile("input.img");
    /** Everything printed to System.out or System.err while a decoder runs: the CLI and app would show it. */
    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();

    static {
        Log.fixOutErr(System.out, System.err); // Jazzer's own messages (classes instrumented as they load) bypass the recording
        System.setOut(recording(System.out));
        System.setErr(recording(System.err));
    }

    private Decoding() {
    }

    static Path tempFile(String name) {
        try {
            Path dir = Files.createTempDirectory("mae-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] data) {
        try {
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code data} as an image file through the entry point the CLI and app use. */
    static void read(byte[] data) {
        Path file = write(FILE, data);
        silent(() -> {
            try {
                valid(ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS));
            } catch (ImageFileException e) {
                oneLine(e, file);
            }
        });
    }

    /** Reads {@code data} as a DICOM file: its first, second and last frame, as the CLI's --frame would. */
    static void readDicom(byte[] data) {
        Path file = write(FILE, data);
        silent(() -> {
            try {
                valid(ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS));
                if (!ImageFiles.isDicom(file)) return;
                DicomImage dicom = DicomImage.open(file, ImageFiles.DEFAULT_MAX_PIXELS);
                if (dicom.frames() > 1) valid(dicom.frame(1));
                if (dicom.frames() > 2) valid(dicom.frame(dicom.frames() - 1));
            } catch (ImageFileException e) {
                oneLine(e, file);
            }
        });
    }

    /** Runs a decode and fails if it printed anything. */
    static void silent(Runnable decode) {
        synchronized (PRINTED) {
            PRINTED.reset();
        }
        decode.run();
        synchronized (PRINTED) {
            String printed = PRINTED.toString(StandardCharsets.UTF_8).strip();
            check(printed.isEmpty(), "the decoder printed: " + printed.lines().findFirst().orElse(""));
        }
    }

    private static PrintStream recording(PrintStream target) {
        return new PrintStream(new FilterOutputStream(target) {
            @Override
            public void write(int b) throws IOException {
                synchronized (PRINTED) {
                    PRINTED.write(b);
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (PRINTED) {
                    PRINTED.write(b, off, len);
                }
                out.write(b, off, len);
            }
        }, true);
    }

    /**
     * The message is the user's whole error report: one line, "<file name>: <reason>", holding no class name and
     * no runtime exception's text (the JDK's null-pointer explanations, a failed cast). Behind
     * it, no out-of-memory error and no runtime exception thrown by our own code: a refusal that our code
     * reached by failing (an index out of bounds, a null) is a bug even when it is reported as one line.
     */
    static void oneLine(ImageFileException e, Path file) {
        String m = e.getMessage();
        check(m.startsWith(file.getFileName() + ": ") && m.length() > file.getFileName().toString().length() + 2, "message does not name the file: " + m, e);
        check(!m.contains("\n") && !m.contains("\r") && !m.contains("\tat "), "message is not one line: " + m, e);
        String bytes = fileText(file);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) { // file bytes quoted in a message are fine
            String name = t.getClass().getName(); // a name the file itself spells out is quoted, not leaked
            check(!m.contains(name) || bytes.contains(name), "message holds a class name: " + m, e);
            if (t instanceof IOException || t.getMessage() == null) continue;
            String text = t.getMessage().replaceAll("[\\p{Cntrl}\\x{FFFD}]", " ").replaceAll("\\s+", " ").trim();
            check(text.isEmpty() || !m.contains(text.substring(0, Math.min(40, text.length()))), "message holds a runtime exception's text: " + m, e);
        }
        check(file.equals(e.file()), "exception names " + e.file() + ", not " + file, e);
        causes(e, m);
    }

    /** The file's bytes one char each (ISO-8859-1, as decoders quote header text), to tell quoted bytes from leaked names. */
    private static String fileText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static void causes(Throwable e, String message) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            check(!(t instanceof OutOfMemoryError), "a file under 1 MB ran out of a 1.5 GB heap: " + message, e);
            check(!(t instanceof RuntimeException && thrownByUs(t)), "our decoder failed with " + t + " behind: " + message, e);
        }
    }

    /** Whether the first frame outside the JDK's core packages is ours (we passed the JDK something bad, or failed ourselves). */
    private static boolean thrownByUs(Throwable t) {
        for (StackTraceElement at : t.getStackTrace()) {
            String c = at.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                return c.startsWith("com.maeworkbench.");
            }
        }
        return false;
    }

    /** What every consumer of a decoded image relies on: planes in [0,1], a usable window and calibration. */
    static void valid(FloatImage image) {
        for (float[] plane : image.planes()) {
            for (float v : plane) check(v >= 0 && v <= 1, "sample " + v + " outside [0,1]");
        }
        check(Double.isFinite(image.window().low()) && Double.isFinite(image.window().high()), "window " + image.window());
        check(Double.isFinite(image.calibration().scale()) && Double.isFinite(image.calibration().offset()), "calibration " + image.calibration());
        check(image.bitDepth() >= 1 && image.bitDepth() <= 32, "bit depth " + image.bitDepth());
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    static void check(boolean ok, String what, Throwable behind) {
        if (!ok) throw new AssertionError(what, behind);
    }

    /**
     * A PNG with every chunk's CRC recomputed, so that mutations reach the decoder instead of stopping at our
     * CRC check (which the seeds with their own CRCs, and the unit tests, still cover). Other input is returned as is.
     */
    static byte[] withPngCrcs(byte[] data) {
        if (data.length < 8 || (data[0] & 0xFF) != 0x89 || data[1] != 'P' || data[2] != 'N' || data[3] != 'G') return data;
        byte[] out = data.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        for (int at = 8; at + 12 <= out.length; ) {
            long length = b.getInt(at) & 0xFFFFFFFFL;
            if (length > out.length - at - 12) break;
            CRC32 crc = new CRC32();
            crc.update(out, at + 4, 4 + (int) length);
            b.putInt(at + 8 + (int) length, (int) crc.getValue());
            at += 12 + (int) length;
        }
        return out;
    }
}
