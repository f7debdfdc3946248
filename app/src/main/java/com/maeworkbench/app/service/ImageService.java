package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import javafx.application.Platform;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Opens images and masks off the FX thread. A file that cannot be read leaves the current image in place
 * and raises a notification with the one-line cause from the core.
 */
public final class ImageService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ImageService.class.getName());

    private final WorkbenchState state;
    private final Notifier notifier;
    private final Consumer<Path> onOpened;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "image-io");
        t.setDaemon(true);
        return t;
    });

    public ImageService(WorkbenchState state, Notifier notifier, Consumer<Path> onOpened) {
        this.state = state;
        this.notifier = notifier;
        this.onOpened = onOpened;
    }

    /**
     * Reads {@code file} and shows it with a mask from {@code maskSpec} (null: random patches with the current
     * generator settings). Completes on the FX thread with whether the image was opened.
     */
    public CompletableFuture<Boolean> open(Path file, String maskSpec) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                FloatImage img = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
                Mask mask = maskSpec != null ? MaskSpec.parse(maskSpec).generate(img.width(), img.height()) : null;
                Platform.runLater(() -> {
                    Mask m = mask != null ? mask : defaultMask(img);
                    state.setImage(img, file, m);
                    String opened = "Opened " + file.getFileName() + " (" + img.width() + "×" + img.height() + ", "
                            + img.bitDepth() + "-bit" + (img.source().alphaDropped() ? ", alpha channel ignored" : "") + ")";
                    state.statusProperty().set(opened);
                    LOG.log(Level.INFO, opened + " from " + file.toAbsolutePath().getParent());
                    onOpened.accept(file);
                    done.complete(true);
                });
            } catch (Throwable e) { // errors too (a decoder's StackOverflowError, OOM): the io thread must stay
                String cause = e instanceof ImageFileException ? e.getMessage() : file.getFileName() + ": " + Failures.reason(e);
                if (!(e instanceof ImageFileException)) LOG.log(Level.ERROR, "opening " + file + " failed", e);
                Platform.runLater(() -> {
                    notifier.error("Cannot open image", cause);
                    done.complete(false);
                });
            }
        });
        return done;
    }

    /** Loads a mask PNG of the image's size as one undoable edit. */
    public CompletableFuture<Boolean> loadMask(Path file, MaskController masks) {
        FloatImage img = state.getImage();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (img == null) {
            done.complete(false);
            return done;
        }
        io.execute(() -> {
            try {
                Mask mask = MaskFiles.read(file, img.width(), img.height());
                Platform.runLater(() -> {
                    if (state.getImage() == img) masks.replace(mask);
                    done.complete(true);
                });
            } catch (Throwable e) {
                String cause = e instanceof ImageFileException ? e.getMessage() : file.getFileName() + ": " + Failures.reason(e);
                if (!(e instanceof ImageFileException)) LOG.log(Level.ERROR, "loading mask " + file + " failed", e);
                Platform.runLater(() -> {
                    notifier.error("Cannot load mask", cause);
                    done.complete(false);
                });
            }
        });
        return done;
    }

    private Mask defaultMask(FloatImage img) {
        return com.maeworkbench.mask.MaskShapes.patches(img.width(), img.height(), state.randomRatioProperty().get(),
                state.randomPatchSizeProperty().get(), state.randomSeedProperty().get());
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
