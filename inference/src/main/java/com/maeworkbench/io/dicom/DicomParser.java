package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses a DICOM file up to its pixel data: the file meta, the transfer syntax, every top-level attribute up
 * to {@link #MAX_VALUE} bytes, and where the pixel data lies (native, or encapsulated fragments). A parser of
 * our own rather than dcm4che (not on Maven Central) or ImageJ (no BitsStored/HighBit, no deflate, truncation
 * only logged): sizes must be checked before any pixel is read. Sequences are skipped without recursion, with
 * an explicit stack limited to {@link #MAX_DEPTH} levels, so a crafted file cannot overflow the Java stack.
 */
final class DicomParser {

    static final int MAX_DEPTH = 64;
    /** Top-level values kept (LUTs of 65536 16-bit entries fit); larger ones are skipped. */
    static final int MAX_VALUE = 1 << 18;
    /** An inflated dataset larger than this is refused: a deflate bomb must not fill the heap. */
    static final int MAX_INFLATED = 512 << 20;

    static final int TRANSFER_SYNTAX = 0x00020010, ITEM = 0xFFFEE000, ITEM_END = 0xFFFEE00D, SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Explicit VRs whose length field is 32 bits after two reserved bytes. */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    static final Set<String> VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT",
            "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
            "UR", "US", "UT", "UV");

    private final Path path;
    private DicomInput in;
    private boolean explicit = true;
    private String vr; // VR of the element just read, null when implicit

    private DicomParser(Path path) {
        this.path = path;
    }

    /** A dataset without the 128-byte preamble: a plausible first tag in group 0002 or 0008. */
    static boolean looksLikeDataset(byte[] h, int n) {
        if (n < 8) return false;
        int le = (h[0] & 0xFF) | (h[1] & 0xFF) << 8;
        boolean vr = VRS.contains(new String(h, 4, 2, StandardCharsets.US_ASCII));
        long implicitLength = (h[4] & 0xFFL) | (h[5] & 0xFFL) << 8 | (h[6] & 0xFFL) << 16 | (h[7] & 0xFFL) << 24;
        if (le == 0x0002 || le == 0x0008) return vr || implicitLength < 0x10000;
        return le == 0x0800 && vr; // explicit VR big endian
    }

    static DicomHeader parse(Path path, ByteStore file) throws IOException {
        return new DicomParser(path).run(file);
    }

    private DicomHeader run(ByteStore file) throws IOException {
        in = new DicomInput(file, 0);
        long start = 0;
        if (file.size() >= 132) {
            in.seek(128);
            if (in.ascii(4).equals("DICM")) start = 132;
        }
        in.seek(start);
        Map<Integer, byte[]> values = new HashMap<>();
        String syntax = readMeta(values);
        TransferSyntax ts = syntax == null ? guessSyntax() : TransferSyntax.of(syntax);
        if (ts == null) throw fail("unsupported DICOM transfer syntax " + syntax + " (not a known DICOM syntax)");
        if (ts.refusal() != null) throw fail("unsupported DICOM transfer syntax " + ts.uid() + " (" + ts.refusal() + ")");
        ByteStore store = file;
        if (ts.deflated()) {
            store = inflate(file, in.pos());
            in = new DicomInput(store, 0);
        }
        explicit = ts.explicit();
        in.little = ts.little();
        DicomHeader header = new DicomHeader(path, ts, store, values);
        readDataset(header);
        return header;
    }

    /** File meta group 0002: always explicit VR little endian. Returns the transfer syntax, if named. */
    private String readMeta(Map<Integer, byte[]> values) throws IOException {
        String syntax = null;
        while (in.remaining() >= 8) {
            long mark = in.pos();
            if (in.u16() != 0x0002) {
                in.seek(mark);
                break;
            }
            in.seek(mark);
            int tag = in.tag();
            long length = length(tag);
            if (length == UNDEFINED || length > MAX_VALUE) throw fail("malformed DICOM file meta element " + hex(tag));
            byte[] value = in.bytes((int) length);
            values.put(tag, value);
            if (tag == TRANSFER_SYNTAX) syntax = DicomHeader.text(value);
        }
        return syntax;
    }

    /** No transfer syntax in the meta (ACR-NEMA style): take the encoding from how the first element looks. */
    private TransferSyntax guessSyntax() throws IOException {
        long mark = in.pos();
        byte[] h = in.bytes(6);
        in.seek(mark);
        boolean vr = VRS.contains(new String(h, 4, 2, StandardCharsets.US_ASCII));
        return TransferSyntax.of(h[0] == 0 && h[1] != 0 ? TransferSyntax.EXPLICIT_BE : vr ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE);
    }

    /**
     * Inflates the dataset into one array grown by doubling, each growth checked against the free heap: a file
     * of under a megabyte can inflate to a gigabyte.
     */
    private ByteStore inflate(ByteStore file, long from) throws IOException {
        long size = file.size() - from;
        if (size > Integer.MAX_VALUE - 8) throw fail("deflated DICOM dataset too large");
        Inflater inflater = new Inflater(true); // DICOM deflate is raw RFC 1951, no zlib header
        try {
            inflater.setInput(file.read(from, (int) size));
            int initial = (int) Math.min(MAX_INFLATED, Math.max(1 << 16, 4 * size));
            ImageFiles.checkMemory(path, initial);
            byte[] out = new byte[initial];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (n >= MAX_INFLATED) throw fail("deflated DICOM dataset inflates past " + (MAX_INFLATED >> 20) + " MB");
                    int grown = (int) Math.min(MAX_INFLATED, 2L * n);
                    ImageFiles.checkMemory(path, grown);
                    out = Arrays.copyOf(out, grown);
                }
                int r = inflater.inflate(out, n, out.length - n);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) throw new EOFException();
                n += r;
            }
            return ByteStore.of(out, n);
        } catch (DataFormatException e) {
            throw fail("corrupt deflated DICOM dataset (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /** Top-level elements up to and including the pixel data. */
    private void readDataset(DicomHeader header) throws IOException {
        while (in.remaining() > 0) {
            if (in.remaining() < 8) throw new EOFException();
            int tag = in.tag();
            long length = length(tag);
            if (tag == DicomHeader.PIXEL_DATA || tag == DicomHeader.FLOAT_PIXEL_DATA || tag == DicomHeader.DOUBLE_PIXEL_DATA) {
                header.pixelTag = tag;
                if (length == UNDEFINED) {
                    if (tag != DicomHeader.PIXEL_DATA) throw fail("malformed DICOM: encapsulated floating-point pixel data");
                    readFragments(header);
                } else {
                    if (length > in.remaining()) throw new EOFException();
                    header.pixelOffset = in.pos();
                    header.pixelLength = length;
                }
                return;
            }
            if (length == UNDEFINED) {
                skipUndefined("UN".equals(vr));
            } else if (length > in.remaining()) {
                throw length > 0x7FFFFFFFL ? fail("DICOM element " + hex(tag) + " declares " + length + " bytes (negative or huge)") : new EOFException();
            } else if (length <= MAX_VALUE && !"SQ".equals(vr) && tag >>> 16 != 0xFFFE) {
                header.values.put(tag, in.bytes((int) length));
            } else {
                in.skip(length);
            }
        }
    }

    /** Encapsulated pixel data: the basic offset table item, then one item per fragment, then a sequence delimiter. */
    private void readFragments(DicomHeader header) throws IOException {
        List<long[]> fragments = new ArrayList<>();
        boolean first = true;
        while (true) {
            int tag = in.tag();
            long length = in.u32();
            if (tag == SEQUENCE_END) break;
            if (tag != ITEM || length == UNDEFINED) throw fail("malformed DICOM encapsulated pixel data at byte " + in.pos());
            if (length > in.remaining()) throw new EOFException();
            if (first) {
                if (length % 4 != 0 || length > MAX_VALUE) throw fail("malformed DICOM basic offset table of " + length + " bytes");
                long[] table = new long[(int) length / 4];
                for (int i = 0; i < table.length; i++) table[i] = in.u32();
                header.offsetTable = table;
                header.firstFragment = in.pos();
                first = false;
            } else {
                fragments.add(new long[]{in.pos(), length});
                in.skip(length);
            }
        }
        header.fragments = fragments;
    }

    /**
     * Skips a sequence (or UN element) of undefined length without recursion: the stack holds, per open level,
     * whether it is a sequence (expecting items) or an item (expecting elements), and the VR encoding inside.
     * UN of undefined length is encoded implicit VR little endian inside (PS3.5 6.2.2).
     */
    private void skipUndefined(boolean unknown) throws IOException {
        boolean[] isItem = new boolean[MAX_DEPTH + 1], outerExplicit = new boolean[MAX_DEPTH + 1];
        int depth = 0;
        outerExplicit[0] = explicit;
        isItem[0] = false;
        if (unknown) explicit = false;
        while (depth >= 0) {
            int tag = in.tag();
            if (isItem[depth]) {
                if (tag == ITEM_END) {
                    in.u32();
                    depth--;
                    continue;
                }
                long length = length(tag);
                if (length == UNDEFINED) {
                    if (++depth > MAX_DEPTH) throw fail("DICOM sequences nested more than " + MAX_DEPTH + " deep at byte " + in.pos());
                    isItem[depth] = false;
                    outerExplicit[depth] = explicit;
                    if ("UN".equals(vr)) explicit = false;
                } else {
                    in.skip(length);
                }
            } else {
                long length = in.u32();
                if (tag == SEQUENCE_END) {
                    explicit = outerExplicit[depth];
                    depth--;
                } else if (tag != ITEM) {
                    throw fail("malformed DICOM sequence at byte " + (in.pos() - 8));
                } else if (length != UNDEFINED) {
                    in.skip(length);
                } else {
                    if (++depth > MAX_DEPTH) throw fail("DICOM sequences nested more than " + MAX_DEPTH + " deep at byte " + in.pos());
                    isItem[depth] = true;
                    outerExplicit[depth] = explicit;
                }
            }
        }
    }

    /** Reads the VR (when explicit) and the value length of an element whose tag was just read. */
    private long length(int tag) throws IOException {
        vr = null;
        if (tag >>> 16 == 0xFFFE) return in.u32(); // items and delimiters carry no VR
        boolean meta = tag >>> 16 == 0x0002;
        if (!explicit && !meta) return in.u32();
        long mark = in.pos();
        String v = in.ascii(2);
        if (!VRS.contains(v)) { // implicit VR where explicit was declared: the four bytes are the length
            in.seek(mark);
            return in.u32();
        }
        vr = v;
        if (LONG_VRS.contains(v)) {
            in.skip(2);
            return in.u32();
        }
        return in.u16();
    }

    private ImageFileException fail(String reason) {
        return new ImageFileException(path, reason);
    }

    static String hex(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
