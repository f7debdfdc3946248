package com.maeworkbench.app.state;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.metric.Ranking;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the views show and the services act on, as JavaFX properties. Touched only on the FX
 * thread; services hand results over with {@code Platform.runLater}.
 */
public final class WorkbenchState {

    /** Panel id of the untouched image. */
    public static final String ORIGINAL = "original";
    /** Panel id of the image with the mask drawn over it. */
    public static final String MASKED = "masked";
    /** Panel id of the MAE's uncertainty map. */
    public static final String UNCERTAINTY = "uncertainty";
    /** Why File ▸ Export as DICOM is off for an image that did not come from DICOM. */
    public static final String NOT_DICOM = "the image is not DICOM";

    // --- the image and its mask
    private final ReadOnlyObjectWrapper<FloatImage> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyObjectWrapper<Path> imagePath = new ReadOnlyObjectWrapper<>(this, "imagePath");
    private final LongProperty imageGeneration = new SimpleLongProperty(this, "imageGeneration");
    private Mask mask;
    private final ReadOnlyObjectWrapper<MaskChange> maskChange = new ReadOnlyObjectWrapper<>(this, "maskChange");
    private final MaskHistory history = new MaskHistory();
    private long maskSeq;

    // --- the DICOM slices behind the image (null for other images)
    private final ReadOnlyObjectWrapper<SliceStack> sliceStack = new ReadOnlyObjectWrapper<>(this, "sliceStack");
    private final ReadOnlyIntegerWrapper sliceIndex = new ReadOnlyIntegerWrapper(this, "sliceIndex");
    private final IntegerProperty wantedSlice = new SimpleIntegerProperty(this, "wantedSlice");
    private final BooleanProperty maskPerSlice = new SimpleBooleanProperty(this, "maskPerSlice");
    private final SliceMasks sliceMasks = new SliceMasks();
    private final ReadOnlyStringWrapper dicomExportRefusal = new ReadOnlyStringWrapper(this, "dicomExportRefusal", NOT_DICOM);

    // --- methods and their results
    private final ObservableList<RestorationMethod> methods = FXCollections.observableArrayList();
    private final ObservableMap<String, MethodResult> results = FXCollections.observableHashMap();
    private final ObservableMap<String, MethodResult> measured = FXCollections.observableHashMap();
    private final ObservableMap<String, MethodTiming> timings = FXCollections.observableHashMap();
    private final ObservableMap<String, MethodProgress> progress = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Ranking> ranking = new ReadOnlyObjectWrapper<>(this, "ranking", Ranking.of(List.of()));
    private final ReadOnlyBooleanWrapper comparable = new ReadOnlyBooleanWrapper(this, "comparable");
    private final ReadOnlyStringWrapper bestMethod = new ReadOnlyStringWrapper(this, "bestMethod");

    // --- the MAE's uncertainty map (computed by UncertaintyService while shown or presenting)
    private final BooleanProperty uncertaintyShown = new SimpleBooleanProperty(this, "uncertaintyShown");
    private final ObjectProperty<UncertaintyResult> uncertainty = new SimpleObjectProperty<>(this, "uncertainty");
    private final StringProperty uncertaintyActivity = new SimpleStringProperty(this, "uncertaintyActivity");
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting");

    // --- display
    private final ObjectProperty<DisplayWindow> window = new SimpleObjectProperty<>(this, "window", DisplayWindow.FULL);
    private final ObjectProperty<ViewMode> viewMode = new SimpleObjectProperty<>(this, "viewMode", ViewMode.IMAGE);
    private final BooleanProperty showOriginal = new SimpleBooleanProperty(this, "showOriginal");
    private final BooleanProperty fit = new SimpleBooleanProperty(this, "fit", true);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final DoubleProperty centerX = new SimpleDoubleProperty(this, "centerX");
    private final DoubleProperty centerY = new SimpleDoubleProperty(this, "centerY");
    private final BooleanProperty splitEnabled = new SimpleBooleanProperty(this, "splitEnabled");
    private final StringProperty splitA = new SimpleStringProperty(this, "splitA", ORIGINAL);
    private final StringProperty splitB = new SimpleStringProperty(this, "splitB", "mae");
    private final DoubleProperty splitPosition = new SimpleDoubleProperty(this, "splitPosition", 0.5);
    private final ObjectProperty<ViewArea> viewArea = new SimpleObjectProperty<>(this, "viewArea");
    private final BooleanProperty imageShown = new SimpleBooleanProperty(this, "imageShown");

    // --- mask tools
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.BRUSH);
    private final DoubleProperty brushRadius = new SimpleDoubleProperty(this, "brushRadius", 8);
    private final DoubleProperty maskOpacity = new SimpleDoubleProperty(this, "maskOpacity", 1.0);
    private final BooleanProperty gridVisible = new SimpleBooleanProperty(this, "gridVisible");
    private final IntegerProperty patchSize = new SimpleIntegerProperty(this, "patchSize", 8);
    private final DoubleProperty randomRatio = new SimpleDoubleProperty(this, "randomRatio", 0.5);
    private final IntegerProperty randomPatchSize = new SimpleIntegerProperty(this, "randomPatchSize", 16);
    private final IntegerProperty randomSeed = new SimpleIntegerProperty(this, "randomSeed", 1);
    private final IntegerProperty strokeCount = new SimpleIntegerProperty(this, "strokeCount", 6);

    // --- model
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(this, "device", Device.AUTO);
    private final ObjectProperty<Path> modelPath = new SimpleObjectProperty<>(this, "modelPath");
    private final ObjectProperty<ModelInfo> modelInfo = new SimpleObjectProperty<>(this, "modelInfo");
    private final ObjectProperty<ExecutionChoice> execution = new SimpleObjectProperty<>(this, "execution");
    private final StringProperty modelError = new SimpleStringProperty(this, "modelError");

    // --- status
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty deviceStatus = new SimpleStringProperty(this, "deviceStatus", "");
    private final StringProperty loading = new SimpleStringProperty(this, "loading");
    private final StringProperty pixelReadout = new SimpleStringProperty(this, "pixelReadout", "");
    private final IntegerProperty busy = new SimpleIntegerProperty(this, "busy");
    private final ObservableList<String> notifications = FXCollections.observableArrayList();
    private final BooleanProperty debugTimings = new SimpleBooleanProperty(this, "debugTimings", Boolean.getBoolean("mae.debug"));

    public WorkbenchState() {
        results.addListener((MapChangeListener<String, MethodResult>) c -> {
            MethodResult r = c.getValueAdded();
            // The metrics arrive as a second publish of the same run: count the run once.
            if (c.wasAdded() && r.image() != null && r.metrics() == null) {
                timings.put(r.methodId(), timings.getOrDefault(r.methodId(), MethodTiming.NONE).with(r));
            }
            if (c.wasAdded() && r.metrics() != null) measured.put(r.methodId(), r);
            refreshStanding();
        });
        maskChange.addListener((o, a, b) -> refreshStanding());
        methods.addListener((ListChangeListener<RestorationMethod>) c -> refreshStanding());
        maskPerSlice.addListener((o, a, perSlice) -> {
            if (sliceStack.get() == null || mask == null) return;
            mask = sliceMasks.switchMode(perSlice, sliceIndex.get(), mask, history);
            fireMaskChanged(new Region(0, 0, mask.width(), mask.height()), false);
        });
    }

    /** Replaces the image and its mask together; clears results and mask history. */
    public void setImage(FloatImage newImage, Path path, Mask newMask) {
        setImage(newImage, path, newMask, null);
    }

    /**
     * As {@link #setImage(FloatImage, Path, Mask)}, for slice 0 of the DICOM {@code stack} it was decoded from
     * (null for an image that is not DICOM).
     */
    public void setImage(FloatImage newImage, Path path, Mask newMask, SliceStack stack) {
        if (!newMask.sameSize(newImage.width(), newImage.height())) {
            throw new IllegalArgumentException("mask " + newMask.width() + "x" + newMask.height() + " does not fit image " + newImage.width() + "x" + newImage.height());
        }
        results.clear();
        measured.clear();
        timings.clear();
        progress.clear();
        uncertainty.set(null);
        history.clear();
        imageShown.set(false);
        viewArea.set(null); // the view of the previous image; the viewports publish this one's once laid out
        sliceMasks.reset(maskPerSlice.get(), newMask);
        sliceStack.set(stack); // before the image: its listeners read the slice
        sliceIndex.set(0);
        wantedSlice.set(0);
        dicomExportRefusal.set(stack == null ? NOT_DICOM : stack.exportRefusal());
        mask = newMask; // first: listeners of the image read the mask too
        image.set(newImage);
        imagePath.set(path);
        window.set(newImage.window());
        imageGeneration.set(imageGeneration.get() + 1);
        fireMaskChanged(new Region(0, 0, newImage.width(), newImage.height()), false);
    }

    /**
     * Shows slice {@code index} of the open stack, decoded as {@code slice}: its mask is the shared one or its own
     * ({@link #maskPerSliceProperty()}, with the undo history that goes with it), results start afresh, and the
     * display window keeps the values the user set (the same raw units, e.g. HU, whatever each slice's rescale).
     */
    public void showSlice(int index, FloatImage slice) {
        SliceStack stack = sliceStack.get();
        if (stack == null || index < 0 || index >= stack.size()) throw new IllegalArgumentException("no slice " + index);
        FloatImage old = image.get();
        Mask next = sliceMasks.move(sliceIndex.get(), index, mask, history);
        if (!next.sameSize(slice.width(), slice.height())) { // a series of mixed sizes: this slice starts afresh
            next = defaultMask(slice.width(), slice.height());
            history.clear();
        }
        results.clear();
        measured.clear();
        timings.clear();
        progress.clear();
        mask = next;
        sliceIndex.set(index);
        image.set(slice);
        imagePath.set(stack.file(index));
        window.set(sameValues(window.get(), old.calibration(), slice.calibration()));
        imageGeneration.set(imageGeneration.get() + 1);
        fireMaskChanged(new Region(0, 0, slice.width(), slice.height()), false);
    }

    /** The window showing the same raw values under another calibration. */
    private static DisplayWindow sameValues(DisplayWindow w, Calibration from, Calibration to) {
        if (from.equals(to)) return w;
        double a = to.toNormalised(from.toRaw(w.low())), b = to.toNormalised(from.toRaw(w.high()));
        return Double.isFinite(a) && Double.isFinite(b) && a != b ? new DisplayWindow(Math.min(a, b), Math.max(a, b)) : w;
    }

    /**
     * The mask slice {@code index} has (the shown one's as edited now, else the shared one or its own, as the
     * mode says); not a copy, so copy it before leaving the FX thread.
     */
    public Mask maskOfSlice(int index) {
        return sliceMasks.maskOf(index, sliceIndex.get(), mask);
    }

    /** Random patches with the generator's settings: the mask an image opens with unless one is given. */
    public Mask defaultMask(int width, int height) {
        return MaskShapes.patches(width, height, randomRatio.get(), randomPatchSize.get(), randomSeed.get());
    }

    /** Tells listeners that {@code region} of the (in-place edited) mask changed. */
    public void fireMaskChanged(Region region, boolean preview) {
        maskChange.set(new MaskChange(++maskSeq, region, preview));
    }

    /** The sequence number of the newest mask edit; results answering an older one are stale. */
    public long maskSeq() {
        return maskSeq;
    }

    /** Whether {@code r} answers the newest mask edit completely: its numbers (or its failure) are for this mask. */
    public boolean isCurrent(MethodResult r) {
        return r != null && r.maskSeq() == maskSeq() && (r.metrics() != null || r.error() != null);
    }

    /**
     * Ranks the methods' newest numbers with the core's one rule ({@link Ranking}, shared with the CLI and the
     * comparison sheet). A winner is named only when that ranking is valid for the mask shown: every method
     * measured on it, and a mask the coverage rule does not flag. Mid-drag the live methods' numbers lag and
     * the slow ones' belong to the previous mask, so a "winner" then would be an artefact of timing.
     */
    private void refreshStanding() {
        List<Ranking.Scored> scored = new ArrayList<>();
        for (RestorationMethod m : methods) {
            if (!m.availability().available()) continue;
            MethodResult latest = results.get(m.id());
            if (latest != null && latest.error() != null && isCurrent(latest)) continue; // failed: nothing to rank
            MethodResult numbers = measured.get(m.id());
            scored.add(new Ranking.Scored(m.id(), numbers == null ? null : numbers.metrics(), numbers == null ? -1 : numbers.maskSeq()));
        }
        Ranking r = Ranking.of(scored);
        boolean valid = image.get() != null && r.validFor(maskSeq);
        ranking.set(r);
        comparable.set(valid);
        bestMethod.set(valid ? r.winner() : null);
    }

    public ReadOnlyObjectProperty<FloatImage> imageProperty() { return image.getReadOnlyProperty(); }
    public FloatImage getImage() { return image.get(); }
    public ReadOnlyObjectProperty<Path> imagePathProperty() { return imagePath.getReadOnlyProperty(); }
    public Path getImagePath() { return imagePath.get(); }
    public LongProperty imageGenerationProperty() { return imageGeneration; }
    public Mask getMask() { return mask; }
    public ReadOnlyObjectProperty<MaskChange> maskChangeProperty() { return maskChange.getReadOnlyProperty(); }
    public MaskHistory history() { return history; }
    /** The DICOM slices behind the image, null when it is not DICOM. */
    public ReadOnlyObjectProperty<SliceStack> sliceStackProperty() { return sliceStack.getReadOnlyProperty(); }
    public SliceStack getSliceStack() { return sliceStack.get(); }
    /** The slice shown (0-based). */
    public ReadOnlyIntegerProperty sliceIndexProperty() { return sliceIndex.getReadOnlyProperty(); }
    /** The slice asked for: the slider follows it at once, the image once the slice is decoded. */
    public IntegerProperty wantedSliceProperty() { return wantedSlice; }
    /** Each slice keeps its own mask (true) or every slice shows the same one. */
    public BooleanProperty maskPerSliceProperty() { return maskPerSlice; }
    /** Why the image cannot be exported as DICOM (not DICOM, or a source the core's export refuses); null when it can. */
    public ReadOnlyStringProperty dicomExportRefusalProperty() { return dicomExportRefusal.getReadOnlyProperty(); }
    public ObservableList<RestorationMethod> methods() { return methods; }
    public ObservableMap<String, MethodResult> results() { return results; }
    /**
     * Per method, its newest result with numbers: the numbers a panel keeps showing, marked stale, while the
     * next ones are computed (see {@link #isCurrent}).
     */
    public ObservableMap<String, MethodResult> measured() { return measured; }
    /** Per method: its last full run and last update on this image. */
    public ObservableMap<String, MethodTiming> timings() { return timings; }
    /** Per method: its run in flight, once it has taken long enough to show. */
    public ObservableMap<String, MethodProgress> progress() { return progress; }
    /** The methods' newest numbers ranked by the core's rule; see {@link #comparableProperty()} for when it counts. */
    public ReadOnlyObjectProperty<Ranking> rankingProperty() { return ranking.getReadOnlyProperty(); }
    /** True while the ranking is valid for the mask shown: every method measured on it, the mask not flagged. */
    public ReadOnlyBooleanProperty comparableProperty() { return comparable.getReadOnlyProperty(); }
    /** The leading method, only while {@link #comparableProperty()} holds; null otherwise. */
    public ReadOnlyStringProperty bestMethodProperty() { return bestMethod.getReadOnlyProperty(); }
    /** Whether the uncertainty panel is shown (key U). */
    public BooleanProperty uncertaintyShownProperty() { return uncertaintyShown; }
    /** The newest uncertainty map of the MAE's result (of an earlier mask while a new one is computed), or null. */
    public ObjectProperty<UncertaintyResult> uncertaintyProperty() { return uncertainty; }
    /** What the uncertainty service is doing ("computing…"), null when idle. */
    public StringProperty uncertaintyActivityProperty() { return uncertaintyActivity; }
    /** Whether presentation mode is on (View → Present). */
    public BooleanProperty presentingProperty() { return presenting; }
    public ObjectProperty<DisplayWindow> windowProperty() { return window; }
    public ObjectProperty<ViewMode> viewModeProperty() { return viewMode; }
    public BooleanProperty showOriginalProperty() { return showOriginal; }
    public BooleanProperty fitProperty() { return fit; }
    public DoubleProperty zoomProperty() { return zoom; }
    public DoubleProperty centerXProperty() { return centerX; }
    public DoubleProperty centerYProperty() { return centerY; }
    public BooleanProperty splitEnabledProperty() { return splitEnabled; }
    public StringProperty splitAProperty() { return splitA; }
    public StringProperty splitBProperty() { return splitB; }
    public DoubleProperty splitPositionProperty() { return splitPosition; }
    /** What the panels show of the image, set by the view; null before it is laid out. */
    public ObjectProperty<ViewArea> viewAreaProperty() { return viewArea; }
    /** Whether the newest image's original is on screen (false from {@link #setImage} until it is drawn). */
    public BooleanProperty imageShownProperty() { return imageShown; }
    public ObjectProperty<Tool> toolProperty() { return tool; }
    public DoubleProperty brushRadiusProperty() { return brushRadius; }
    public DoubleProperty maskOpacityProperty() { return maskOpacity; }
    public BooleanProperty gridVisibleProperty() { return gridVisible; }
    public IntegerProperty patchSizeProperty() { return patchSize; }
    public DoubleProperty randomRatioProperty() { return randomRatio; }
    public IntegerProperty randomPatchSizeProperty() { return randomPatchSize; }
    public IntegerProperty randomSeedProperty() { return randomSeed; }
    public IntegerProperty strokeCountProperty() { return strokeCount; }
    public StringProperty statusProperty() { return status; }
    public StringProperty deviceStatusProperty() { return deviceStatus; }
    /** What is being loaded before an image shows (e.g. "Opening astronaut.png"), null when nothing is. */
    public StringProperty loadingProperty() { return loading; }
    public StringProperty pixelReadoutProperty() { return pixelReadout; }
    public IntegerProperty busyProperty() { return busy; }
    public BooleanProperty debugTimingsProperty() { return debugTimings; }
    public ObjectProperty<Device> deviceProperty() { return device; }
    public ObjectProperty<Path> modelPathProperty() { return modelPath; }
    public ObjectProperty<ModelInfo> modelInfoProperty() { return modelInfo; }
    public ObjectProperty<ExecutionChoice> executionProperty() { return execution; }
    public StringProperty modelErrorProperty() { return modelError; }
    /** Every notification shown, newest last (the popups fade; this log does not). */
    public ObservableList<String> notifications() { return notifications; }
}
