package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.io.dicom.DicomSeries;
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
        return open(file, file, maskSpec, () -> {
            if (!ImageFiles.isDicom(file)) return new Opened(ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS), null);
            // A DICOM file is opened once: its frames become slices, decoded as they are shown.
            DicomImage dicom = DicomImage.open(file, ImageFiles.DEFAULT_MAX_PIXELS);
            return new Opened(dicom.frame(0), SliceStack.of(dicom));
        });
    }

    /** Opens the first slice of a folder's DICOM series (headers already read by the core). */
    public CompletableFuture<Boolean> openSeries(Path folder, DicomSeries series, String maskSpec) {
        return open(series.slice(0).image().path(), folder, maskSpec, () -> new Opened(series.read(0), SliceStack.of(folder, series)));
    }

    private record Opened(FloatImage image, SliceStack stack) {
    }

    private interface Reader {
        Opened read() throws ImageFileException;
    }

    /** Reads with {@code reader} and shows {@code file}; {@code recent} goes to the recent files. */
    private CompletableFuture<Boolean> open(Path file, Path recent, String maskSpec, Reader reader) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                Opened opened = reader.read();
                FloatImage img = opened.image();
                Mask mask = maskSpec != null ? MaskSpec.parse(maskSpec).generate(img.width(), img.height()) : null;
                Platform.runLater(() -> {
                    Mask m = mask != null ? mask : state.defaultMask(img.width(), img.height());
                    state.setImage(img, file, m, opened.stack());
                    String what = "Opened " + file.getFileName() + " (" + img.width() + "×" + img.height() + ", "
                            + img.bitDepth() + "-bit" + (img.source().alphaDropped() ? ", alpha channel ignored" : "")
                            + (opened.stack() != null && opened.stack().size() > 1 ? ", " + opened.stack().size() + " slices" : "") + ")";
                    state.statusProperty().set(what);
                    LOG.log(Level.INFO, what + " from " + file.toAbsolutePath().getParent());
                    onOpened.accept(recent);
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
        SliceStack stack = state.getSliceStack();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (img == null) {
            done.complete(false);
            return done;
        }
        io.execute(() -> {
            try {
                Mask mask = MaskFiles.read(file, img.width(), img.height());
                Platform.runLater(() -> {
                    // Still the same image, or another slice of it (same size: the mask fits)
                    boolean same = state.getImage() == img || stack != null && state.getSliceStack() == stack && state.getMask().sameSize(mask.width(), mask.height());
                    if (same) masks.replace(mask);
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

    @Override
    public void close() {
        io.shutdownNow();
    }
}
