package com.maeworkbench.io.dicom;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.AtomicFiles;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Restored images as DICOM Secondary Capture (explicit VR little endian, uncompressed), derived from the DICOM
 * file they were restored from. One {@code DicomExport} is one new series: make one per method and write each
 * restored frame of that method through it. Stored values are the source's: normalisation is undone exactly,
 * so unmasked pixels keep their stored values, with the source's bit depth, sign, photometric interpretation
 * (YBR and palette sources, shown as RGB, are written RGB), rescale and window. Patient and study identity are
 * copied so the series files beside the original, or removed when anonymising (with a new study UID).
 */
public final class DicomExport {

    public static final String NOTICE = "AI reconstruction \u2014 not for diagnostic use";
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7", EXPLICIT_LE = "1.2.840.10008.1.2.1";
    /** UUID-derived root (PS3.5 B.2) for the implementation class. */
    static final String IMPLEMENTATION_UID = "2.25.186536214431128306186911519616390449920";

    /**
     * Single-byte and Chinese Specific Character Sets, transcoded into UTF-8 (ISO_IR 192) so the notice's dash
     * fits; a source using ISO 2022 code extensions keeps its character set and bytes, and the notice an ASCII dash.
     */
    private static final Map<String, String> CHARSETS = Map.ofEntries(Map.entry("", "US-ASCII"), Map.entry("ISO_IR 6", "US-ASCII"),
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO_IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO_IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO_IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO_IR 192", "UTF-8"),
            Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"));

    /** SOP classes whose instances are single-frame: a Referenced Frame Number into them is invalid. */
    private static final Set<String> SINGLE_FRAME_CLASSES = Set.of("1.2.840.10008.5.1.4.1.1.1", "1.2.840.10008.5.1.4.1.1.1.1",
            "1.2.840.10008.5.1.4.1.1.1.2", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.6.1",
            "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.128");

    private final DicomImage source;
    private final String method, derivation, seriesUid, studyUid;
    private final boolean anonymise;
    private final Charset charset;
    private final boolean utf8;

    /**
     * @param method      short name of the method, shown in the series description (e.g. "mae")
     * @param derivation  what produced the pixels, for DerivationDescription (method, model name and version)
     * @param anonymise   leave out patient and study identity, and the reference to the source instance
     */
    public DicomExport(DicomImage source, String method, String derivation, boolean anonymise) throws ImageFileException {
        this(source, method, derivation, anonymise, newUid(), anonymise ? newUid() : source.header().string(0x0020000D));
    }

    private DicomExport(DicomImage source, String method, String derivation, boolean anonymise, String seriesUid, String studyUid)
            throws ImageFileException {
        checkSupported(source);
        this.source = source;
        this.method = method;
        this.derivation = derivation;
        this.anonymise = anonymise;
        this.seriesUid = seriesUid;
        this.studyUid = studyUid;
        String name = CHARSETS.get(source.header().string(0x00080005));
        utf8 = name != null;
        charset = Charset.forName(utf8 ? name : "ISO-8859-1");
    }

    /**
     * The same new series (and, anonymising, the same new study) for another file of the source's series: a
     * series of single-frame files restored slice by slice stays one derived series, each instance referring to
     * its own source file.
     */
    public DicomExport forSlice(DicomImage sliceSource) throws ImageFileException {
        return new DicomExport(sliceSource, method, derivation, anonymise, seriesUid,
                anonymise ? studyUid : sliceSource.header().string(0x0020000D));
    }

    /**
     * Refuses sources whose values cannot be written back exactly as Secondary Capture: floating-point, 32-bit
     * (normalised by their range) and 1-bit data.
     */
    public static void checkSupported(DicomImage source) throws ImageFileException {
        PixelFormat f = source.format();
        if (f.floating() || f.bitsStored() > 16 || f.bitsAllocated() == 1) {
            throw source.header().fail("DICOM export of " + (f.floating() ? "floating-point" : f.bitsAllocated() + "-bit")
                    + " pixel data is not supported (write PNG or TIFF instead)");
        }
    }

    /** A new UID under 2.25 from a random UUID (PS3.5 B.2). */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger v = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        return "2.25." + v;
    }

    public String seriesUid() {
        return seriesUid;
    }

    /** Writes {@code restored} (frame {@code frame} of the source, restored) to {@code path}, atomically. */
    public void write(FloatImage restored, int frame, Path path) throws ImageFileException {
        PixelFormat f = source.format();
        if (restored.width() != f.columns() || restored.height() != f.rows()) {
            throw new ImageFileException(path, "restored image is " + restored.width() + "x" + restored.height() + ", the source " + f.columns() + "x" + f.rows());
        }
        String instanceUid = newUid();
        byte[] dataset = dataset(restored, frame, instanceUid);
        DicomOutput meta = new DicomOutput(StandardCharsets.US_ASCII)
                .raw(0x00020001, "OB", new byte[]{0, 1})
                .text(0x00020002, "UI", SECONDARY_CAPTURE).text(0x00020003, "UI", instanceUid)
                .text(0x00020010, "UI", EXPLICIT_LE).text(0x00020012, "UI", IMPLEMENTATION_UID)
                .text(0x00020013, "SH", "MAEWORKBENCH");
        byte[] group = meta.bytes();
        DicomOutput file = new DicomOutput(StandardCharsets.US_ASCII);
        file.out.writeBytes(new byte[128]);
        file.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        file.ul(0x00020000, group.length);
        file.out.writeBytes(group);
        file.out.writeBytes(dataset);
        try {
            AtomicFiles.write(path, temp -> Files.write(temp, file.bytes()));
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "folder does not exist"
                    : e instanceof AccessDeniedException ? "permission denied" : ImageFiles.describe(e);
            throw new ImageFileException(path, "cannot write (" + reason + ")", e);
        }
    }

    /** The dataset, elements in ascending tag order. */
    private byte[] dataset(FloatImage restored, int frame, String instanceUid) {
        DicomHeader h = source.header();
        PixelFormat f = source.format();
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd")),
                time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
        boolean rgb = f.colour();
        int bits = f.photometric().equals("PALETTE COLOR") ? Palette.bits(h) : rgb ? Math.max(8, f.bitsStored()) : f.bitsStored();
        int allocated = bits <= 8 ? 8 : 16;
        String notice = utf8 ? NOTICE : NOTICE.replace('\u2014', '-');
        DicomOutput o = new DicomOutput(out());
        o.text(0x00080005, "CS", utf8 ? "ISO_IR 192" : h.string(0x00080005));
        o.text(0x00080008, "CS", "DERIVED\\SECONDARY");
        o.text(0x00080012, "DA", now).text(0x00080013, "TM", time);
        o.text(0x00080016, "UI", SECONDARY_CAPTURE).text(0x00080018, "UI", instanceUid);
        copy(o, 0x00080020, "DA");
        o.text(0x00080023, "DA", now);
        copy(o, 0x00080030, "TM");
        o.text(0x00080033, "TM", time);
        copy(o, 0x00080050, "SH");
        String modality = h.string(DicomHeader.MODALITY);
        o.text(0x00080060, "CS", modality.isEmpty() ? "OT" : modality);
        o.text(0x00080064, "CS", "WSD");
        copy(o, 0x00080090, "PN");
        if (!anonymise && h.has(0x00081030)) copy(o, 0x00081030, "LO");
        o.text(0x0008103E, "LO", truncate(notice + " (" + method + ")", 64));
        o.text(0x00082111, "ST", truncate(derivation, 1024));
        if (!anonymise && h.has(DicomHeader.SOP_INSTANCE) && h.has(DicomHeader.SOP_CLASS)) {
            DicomOutput item = new DicomOutput(out()).text(0x00081150, "UI", h.string(DicomHeader.SOP_CLASS))
                    .text(0x00081155, "UI", h.string(DicomHeader.SOP_INSTANCE));
            if (f.frames() > 1 && !SINGLE_FRAME_CLASSES.contains(h.string(DicomHeader.SOP_CLASS))) {
                item.text(0x00081160, "IS", Integer.toString(frame + 1));
            }
            o.sequence(0x00082112, item.bytes());
        }
        copy(o, 0x00100010, "PN");
        copy(o, 0x00100020, "LO");
        copy(o, 0x00100030, "DA");
        copy(o, 0x00100040, "CS");
        if (anonymise) o.text(0x00120062, "CS", "YES").text(0x00120063, "LO", "MAE Workbench export: patient and study identity removed");
        o.text(0x0020000D, "UI", studyUid).text(0x0020000E, "UI", seriesUid);
        copy(o, 0x00200010, "SH");
        o.text(0x00200011, "IS", Integer.toString(1000 + (int) h.number(0x00200011, 0, 0))); // beside, not among, the source's series
        int instance = f.frames() > 1 ? frame + 1 : source.instanceNumber().orElse(1);
        o.text(0x00200013, "IS", Integer.toString(instance));
        o.text(0x00200020, "CS", "");
        copy(o, 0x00200060, "CS"); // Laterality, 2C: dciodvfy cannot tell whether the body part is paired
        o.text(0x00204000, "LT", truncate(notice + ". " + derivation, 10240));
        o.us(0x00280002, rgb ? 3 : 1).text(0x00280004, "CS", rgb ? "RGB" : f.photometric());
        if (rgb) o.us(0x00280006, 0);
        o.us(0x00280010, f.rows()).us(0x00280011, f.columns());
        o.us(0x00280100, allocated).us(0x00280101, bits).us(0x00280102, bits - 1).us(0x00280103, !rgb && f.signed() ? 1 : 0);
        if (!rgb) {
            for (int tag : new int[]{DicomHeader.WINDOW_CENTER, DicomHeader.WINDOW_WIDTH}) {
                if (h.has(tag)) o.text(tag, "DS", h.string(tag));
            }
            if (h.has(DicomHeader.RESCALE_SLOPE) || h.has(DicomHeader.RESCALE_INTERCEPT)) {
                o.text(0x00281052, "DS", PixelConverter.number(h.number(DicomHeader.RESCALE_INTERCEPT, 0, 0)))
                        .text(0x00281053, "DS", PixelConverter.number(h.number(DicomHeader.RESCALE_SLOPE, 0, 1)))
                        .text(0x00281054, "LO", modality.equals("CT") ? "HU" : "US");
            }
        }
        if (h.syntax.lossy()) o.text(0x00282110, "CS", "01");
        o.raw(0x7FE00010, allocated == 8 ? "OB" : "OW", pixels(restored, bits, allocated, rgb, !rgb && f.signed(), f.photometric().equals("MONOCHROME1")));
        return o.bytes();
    }

    /** Stored values: level = round(v x (2^bits - 1)), inverted back for MONOCHROME1, less the signed offset. */
    static byte[] pixels(FloatImage image, int bits, int allocated, boolean rgb, boolean signed, boolean inverted) {
        int channels = rgb ? 3 : 1, n = image.pixels(), bytes = allocated / 8;
        long mask = (1L << bits) - 1, signBit = signed ? 1L << (bits - 1) : 0;
        byte[] out = new byte[n * channels * bytes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                float v = Math.max(0f, Math.min(1f, image.plane(Math.min(c, image.channels() - 1))[i]));
                long level = Math.round((double) (inverted ? 1 - v : v) * mask);
                long stored = (level - signBit) & ((1L << allocated) - 1);
                int at = (i * channels + c) * bytes;
                out[at] = (byte) stored;
                if (bytes == 2) out[at + 1] = (byte) (stored >> 8);
            }
        }
        return out;
    }

    /** UTF-8 (ISO_IR 192) when the source's text could be transcoded, else the source's bytes unchanged. */
    private Charset out() {
        return utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    /** Copies an attribute as stored, or writes it empty (type 2) when absent or anonymising. */
    private void copy(DicomOutput o, int tag, String vr) {
        byte[] v = source.header().values.get(tag);
        if (v == null || anonymise) o.text(tag, vr, "");
        else if (!utf8) o.raw(tag, vr, trimmed(v)); // another character set: kept, with its bytes
        else o.text(tag, vr, clean(vr, new String(trimmed(v), charset)));
    }

    /** ACR-NEMA style dates and times ("1997.04.24", "14:04:38") in today's form, else empty (both are type 2). */
    private static String clean(String vr, String value) {
        if (vr.equals("DA")) {
            String digits = value.replace(".", "");
            return digits.matches("\\d{8}") ? digits : "";
        }
        if (vr.equals("TM")) {
            String t = value.replace(":", "");
            return t.matches("\\d{2,6}(\\.\\d{1,6})?") ? t : "";
        }
        return value;
    }

    private static byte[] trimmed(byte[] v) {
        int n = v.length;
        while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == 0)) n--;
        return java.util.Arrays.copyOf(v, n);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
