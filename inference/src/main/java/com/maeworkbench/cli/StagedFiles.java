package com.maeworkbench.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Results written as they are made, under hidden names in their folder ({@code .name}, same extension), and moved
 * to their real names together once all are made; closing without {@link #commit()} deletes them. So a command
 * need not hold every result in memory to keep its promise that a failure leaves nothing half-written.
 */
final class StagedFiles implements AutoCloseable {

    private final Path dir;
    private final List<Path> staged = new ArrayList<>();
    private boolean committed;

    StagedFiles(Path dir) {
        this.dir = dir;
    }

    /** Where to write the file that becomes {@code name} in the folder. */
    Path stage(String name) {
        Path path = dir.resolve("." + name);
        staged.add(path);
        return path;
    }

    /** Moves every staged file to its real name, replacing what was there. */
    void commit() throws IOException {
        for (Path path : staged) {
            Path target = dir.resolve(path.getFileName().toString().substring(1));
            try {
                Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (committed) return;
        IOException failure = null;
        for (Path path : staged) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
