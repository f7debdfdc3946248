package com.maeworkbench.app;

import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Remembered layout and settings (java.util.prefs). The node can be redirected with the system property
 * {@code mae.prefs.node} so tests never touch a user's settings.
 */
final class AppPreferences {

    private static final int RECENT_MAX = 10;
    private final Preferences prefs;

    AppPreferences() {
        prefs = Preferences.userRoot().node(System.getProperty("mae.prefs.node", "com/maeworkbench/app"));
    }

    /** The remembered size and place, clamped to the primary screen (a laptop after a big monitor). */
    void restoreWindow(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(prefs.getDouble("window.width", 1500), screen.getWidth());
        double h = Math.min(prefs.getDouble("window.height", 940), screen.getHeight());
        stage.setWidth(w);
        stage.setHeight(h);
        double x = prefs.getDouble("window.x", Double.NaN), y = prefs.getDouble("window.y", Double.NaN);
        boolean onScreen = !Double.isNaN(x) && !Double.isNaN(y) && Screen.getScreensForRectangle(x, y, w, h).size() > 0;
        if (onScreen) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
            stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
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
        return prefs.getDouble("inspector.divider", 0.80);
    }

    void saveDividerPosition(double p) {
        prefs.putDouble("inspector.divider", p);
    }

    void restoreSettings(WorkbenchState state) {
        try {
            state.toolProperty().set(Tool.valueOf(prefs.get("tool", Tool.BRUSH.name())));
            state.deviceProperty().set(Device.valueOf(prefs.get("device", Device.AUTO.name())));
        } catch (IllegalArgumentException e) {
            // a value from another version: keep the defaults
        }
        state.brushRadiusProperty().set(prefs.getDouble("brush.radius", state.brushRadiusProperty().get()));
        state.maskOpacityProperty().set(prefs.getDouble("mask.opacity", state.maskOpacityProperty().get()));
        state.gridVisibleProperty().set(prefs.getBoolean("grid.visible", false));
        state.randomRatioProperty().set(prefs.getDouble("random.ratio", state.randomRatioProperty().get()));
        state.randomPatchSizeProperty().set(prefs.getInt("random.size", state.randomPatchSizeProperty().get()));
        state.randomSeedProperty().set(prefs.getInt("random.seed", state.randomSeedProperty().get()));
    }

    void saveSettings(WorkbenchState state) {
        prefs.put("tool", state.toolProperty().get().name());
        prefs.put("device", state.deviceProperty().get().name());
        prefs.putDouble("brush.radius", state.brushRadiusProperty().get());
        prefs.putDouble("mask.opacity", state.maskOpacityProperty().get());
        prefs.putBoolean("grid.visible", state.gridVisibleProperty().get());
        prefs.putDouble("random.ratio", state.randomRatioProperty().get());
        prefs.putInt("random.size", state.randomPatchSizeProperty().get());
        prefs.putInt("random.seed", state.randomSeedProperty().get());
        Path model = state.modelPathProperty().get();
        if (model != null) prefs.put("model.path", model.toString());
        flush();
    }

    /** The model chosen last time, if it was not the bundled one. */
    Path modelPath() {
        String p = prefs.get("model.path", null);
        return p == null ? null : Path.of(p);
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
            String p = prefs.get("recent." + i, null);
            if (p != null) out.add(Path.of(p));
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
        }
    }
}
