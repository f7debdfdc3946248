package com.maeworkbench.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Checks every chunk CRC of a PNG up to IEND. The JDK decoder skips CRCs: a flipped bit in PLTE or tRNS
 * decodes silently to other colours, and one in IDAT is caught only by zlib's checksum, as a vaguer error.
 */
final class PngChunks {

    private PngChunks() {
    }

    static void verify(Path path) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            in.skipNBytes(8); // signature, already matched
            byte[] buffer = new byte[1 << 16];
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                byte[] type = in.readNBytes(4);
                if (type.length < 4) throw new EOFException();
                CRC32 crc = new CRC32();
                crc.update(type);
                for (long left = length; left > 0; ) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) throw new EOFException();
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                String name = new String(type, StandardCharsets.US_ASCII);
                if ((in.readInt() & 0xFFFFFFFFL) != crc.getValue()) {
                    throw new ImageFileException(path, "corrupt PNG (CRC mismatch in " + name + " chunk)");
                }
                if (name.equals("IEND")) return;
            }
        }
    }
}
