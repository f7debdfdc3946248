package com.maeworkbench.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces files atomically: a reader sees the old file or the whole new one, and a failed write leaves
 * nothing behind. The result gets the permissions any program's output gets: a new file those the user's
 * umask gives (0644 under umask 022), a replaced file keeps its own (as an editor saving it would).
 */
public final class AtomicFiles {

    /** Fills the temporary file that becomes the target. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path path, Content content) throws IOException {
        Path target = path.toAbsolutePath();
        Path temp = createTemp(target);
        try {
            keepPermissions(target, temp);
            content.writeTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public static void writeString(Path path, String text) throws IOException {
        write(path, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /**
     * A new empty file next to the target. Not {@link Files#createTempFile}: that makes it 0600 whatever the
     * umask, and the move would hand that mode to the result. {@link Files#createFile} without attributes
     * leaves the mode to the umask, as any program's {@code open(O_CREAT)} does.
     */
    private static Path createTemp(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try {
                return Files.createFile(target.resolveSibling("." + target.getFileName() + "." + suffix + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e;
            }
        }
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (from == null || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return;
        Files.getFileAttributeView(temp, PosixFileAttributeView.class).setPermissions(from.readAttributes().permissions());
    }
}
