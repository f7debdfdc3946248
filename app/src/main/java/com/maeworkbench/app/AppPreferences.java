package com.maeworkbench.app;

import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Remembered layout and settings (java.util.prefs). The node can be redirected with the system property
 * {@code mae.prefs.node} so tests never touch a user's settings.
 * <p>
 * Each preference is read on its own: a value this version cannot use (from another version, or edited by
 * hand) is logged and replaced by its default, and the others are kept.
 */
final class AppPreferences {

    private static final System.Logger LOG = System.getLogger(AppPreferences.class.getName());
    private static final int RECENT_MAX = 10;
    private final Preferences prefs;

    AppPreferences() {
        prefs = Preferences.userRoot().node(System.getProperty("mae.prefs.node", "com/maeworkbench/app"));
    }

    /** The remembered size and place, clamped to the primary screen (a laptop after a big monitor). */
    void restoreWindow(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(number("window.width", 1500, 200, 1e5), screen.getWidth());
        double h = Math.min(number("window.height", 940, 150, 1e5), screen.getHeight());
        stage.setWidth(w);
        stage.setHeight(h);
        double x = number("window.x", Double.NaN, -1e5, 1e5), y = number("window.y", Double.NaN, -1e5, 1e5);
        boolean onScreen = !Double.isNaN(x) && !Double.isNaN(y) && Screen.getScreensForRectangle(x, y, w, h).size() > 0;
        if (onScreen) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
            stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
        }
        stage.setMaximized(flag("window.maximized", false));
    }

    void saveWindow(Stage stage) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("window.width", stage.getWidth());
            prefs.putDouble("window.height", stage.getHeight());
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
        }
    }

    double dividerPosition() {
        return number("inspector.divider", 0.80, 0, 1);
    }

    void saveDividerPosition(double p) {
        prefs.putDouble("inspector.divider", p);
    }

    /** The remembered settings; the limits are those of the controls that set them. */
    void restoreSettings(WorkbenchState state) {
        state.toolProperty().set(choice("tool", Tool.class, state.toolProperty().get()));
        state.deviceProperty().set(choice("device", Device.class, state.deviceProperty().get()));
        state.brushRadiusProperty().set(number("brush.radius", state.brushRadiusProperty().get(), 1, 256));
        state.maskOpacityProperty().set(number("mask.opacity", state.maskOpacityProperty().get(), 0, 1));
        state.gridVisibleProperty().set(flag("grid.visible", false));
        state.uncertaintyShownProperty().set(flag("uncertainty.shown", false));
        state.maskPerSliceProperty().set(flag("mask.perSlice", false));
        state.randomRatioProperty().set(number("random.ratio", state.randomRatioProperty().get(), 0, 1));
        state.randomPatchSizeProperty().set((int) number("random.size", state.randomPatchSizeProperty().get(), 1, 256));
        state.randomSeedProperty().set((int) number("random.seed", state.randomSeedProperty().get(), 0, Integer.MAX_VALUE));
    }

    private <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String v = prefs.get(key, null);
        if (v == null) return fallback;
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            return rejected(key, v, "not one of " + Arrays.toString(type.getEnumConstants()), fallback);
        }
    }

    /** A number in {@code [min, max]}; integral keys are read the same way and truncated by the caller. */
    private double number(String key, double fallback, double min, double max) {
        String v = prefs.get(key, null);
        if (v == null) return fallback;
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        return rejected(key, v, "not a number in [" + min + ", " + max + "]", fallback);
    }

    private boolean flag(String key, boolean fallback) {
        String v = prefs.get(key, null);
        if (v == null) return fallback;
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) return Boolean.parseBoolean(v);
        return rejected(key, v, "not true or false", fallback);
    }

    private Path path(String key) {
        String v = prefs.get(key, null);
        if (v == null) return null;
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            return rejected(key, v, "not a path here (" + e.getReason() + ")", null);
        }
    }

    private static <T> T rejected(String key, String value, String why, T fallback) {
        LOG.log(Level.WARNING, "preference " + key + "='" + value + "' ignored: " + why + "; using " + fallback);
        return fallback;
    }

    void saveSettings(WorkbenchState state) {
        prefs.put("tool", state.toolProperty().get().name());
        prefs.put("device", state.deviceProperty().get().name());
        prefs.putDouble("brush.radius", state.brushRadiusProperty().get());
        prefs.putDouble("mask.opacity", state.maskOpacityProperty().get());
        prefs.putBoolean("grid.visible", state.gridVisibleProperty().get());
        prefs.putBoolean("uncertainty.shown", state.uncertaintyShownProperty().get());
        prefs.putBoolean("mask.perSlice", state.maskPerSliceProperty().get());
        prefs.putDouble("random.ratio", state.randomRatioProperty().get());
        prefs.putInt("random.size", state.randomPatchSizeProperty().get());
        prefs.putInt("random.seed", state.randomSeedProperty().get());
        Path model = state.modelPathProperty().get();
        if (model != null) prefs.put("model.path", model.toString());
        flush();
    }

    /** The model chosen last time, if it was not the bundled one. */
    Path modelPath() {
        return path("model.path");
    }

    /** The folder the last file dialog was answered in, if it still exists. */
    Path lastFolder() {
        String p = prefs.get("dialog.folder", null);
        return p == null || !java.nio.file.Files.isDirectory(Path.of(p)) ? null : Path.of(p);
    }

    void saveLastFolder(Path folder) {
        prefs.put("dialog.folder", folder.toAbsolutePath().normalize().toString());
        flush();
    }

    List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < RECENT_MAX; i++) {
            Path p = path("recent." + i);
            if (p != null) out.add(p);
        }
        return out;
    }

    void addRecent(Path file) {
        List<Path> list = recentFiles();
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < RECENT_MAX; i++) {
            if (i < list.size()) prefs.put("recent." + i, list.get(i).toString());
            else prefs.remove("recent." + i);
        }
        flush();
    }

    private void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // settings are a convenience; failing to store them must not disturb the session
            LOG.log(Level.WARNING, "settings not saved: " + e.getMessage());
        }
    }
}
