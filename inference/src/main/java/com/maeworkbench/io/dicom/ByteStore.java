package com.maeworkbench.io.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the bytes of a DICOM dataset: the file itself, or the inflated dataset of a deflated file.
 * Frames are read from it on demand, so a file store reopens the file for each read and holds nothing open.
 */
interface ByteStore {

    long size();

    /** Reads exactly {@code length} bytes at {@code offset}; a short read is an {@link EOFException}. */
    byte[] read(long offset, int length) throws IOException;

    /** The first {@code size} bytes of {@code bytes}. */
    static ByteStore of(byte[] bytes, int size) {
        return new ByteStore() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                if (offset < 0 || length < 0 || offset + length > size) throw new EOFException();
                byte[] b = new byte[length];
                System.arraycopy(bytes, (int) offset, b, 0, length);
                return b;
            }
        };
    }

    static ByteStore of(Path file, long size) {
        return new ByteStore() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                if (offset < 0 || length < 0 || offset + length > size) throw new EOFException();
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    ByteBuffer buffer = ByteBuffer.allocate(length);
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, offset + buffer.position()) < 0) throw new EOFException();
                    }
                    return buffer.array();
                }
            }
        };
    }
}
