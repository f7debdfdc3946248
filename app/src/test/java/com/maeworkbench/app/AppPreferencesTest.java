package com.maeworkbench.app;

import com.maeworkbench.app.service.LogCapture;
import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each preference on its own: a bad value is logged and defaulted, the good ones beside it are kept. */
class AppPreferencesTest {

    private static final String NODE = "com/maeworkbench/app-test-preferences";
    private String previousNode;
    private Preferences node;

    @BeforeEach
    void ownNode() throws Exception {
        previousNode = System.setProperty("mae.prefs.node", NODE);
        node = Preferences.userRoot().node(NODE);
        node.clear();
    }

    @AfterEach
    void dropNode() throws Exception {
        node.removeNode();
        if (previousNode == null) System.clearProperty("mae.prefs.node");
        else System.setProperty("mae.prefs.node", previousNode);
    }

    @Test
    void aBadToolKeepsTheDeviceAndEveryBadValueIsLogged() {
        node.put("tool", "LASSO");           // a tool from another version
        node.put("device", "CPU");
        node.put("brush.radius", "huge");
        node.put("mask.opacity", "0.25");
        node.put("grid.visible", "yes");
        node.put("random.ratio", "5");        // out of range: the generator would throw
        node.put("random.size", "32");
        node.put("random.seed", "7");
        WorkbenchState state = new WorkbenchState();
        double defaultRadius = state.brushRadiusProperty().get(), defaultRatio = state.randomRatioProperty().get();
        try (LogCapture log = new LogCapture(AppPreferences.class)) {
            new AppPreferences().restoreSettings(state);
            String text = log.text();
            assertTrue(text.contains("WARNING preference tool='LASSO' ignored: not one of [BRUSH"), text);
            assertTrue(text.contains("preference brush.radius='huge' ignored"), text);
            assertTrue(text.contains("preference grid.visible='yes' ignored: not true or false"), text);
            assertTrue(text.contains("preference random.ratio='5' ignored: not a number in [0.0, 1.0]"), text);
            assertEquals(4, log.records().size(), text);
        }
        assertEquals(Tool.BRUSH, state.toolProperty().get());
        assertEquals(Device.CPU, state.deviceProperty().get(), "the device survives a bad tool");
        assertEquals(defaultRadius, state.brushRadiusProperty().get());
        assertEquals(0.25, state.maskOpacityProperty().get());
        assertFalse(state.gridVisibleProperty().get());
        assertEquals(defaultRatio, state.randomRatioProperty().get());
        assertEquals(32, state.randomPatchSizeProperty().get());
        assertEquals(7, state.randomSeedProperty().get());
    }

    @Test
    void savedSettingsComeBack() {
        WorkbenchState state = new WorkbenchState();
        state.toolProperty().set(Tool.RECTANGLE);
        state.deviceProperty().set(Device.CUDA);
        state.brushRadiusProperty().set(21);
        state.gridVisibleProperty().set(true);
        state.randomRatioProperty().set(0.3);
        state.randomPatchSizeProperty().set(12);
        state.randomSeedProperty().set(99);
        state.modelPathProperty().set(Path.of("/models/mae.onnx"));
        AppPreferences prefs = new AppPreferences();
        prefs.saveSettings(state);
        WorkbenchState back = new WorkbenchState();
        try (LogCapture log = new LogCapture(AppPreferences.class)) {
            prefs.restoreSettings(back);
            assertEquals("", log.text());
        }
        assertEquals(Tool.RECTANGLE, back.toolProperty().get());
        assertEquals(Device.CUDA, back.deviceProperty().get());
        assertEquals(21, back.brushRadiusProperty().get());
        assertTrue(back.gridVisibleProperty().get());
        assertEquals(0.3, back.randomRatioProperty().get());
        assertEquals(12, back.randomPatchSizeProperty().get());
        assertEquals(99, back.randomSeedProperty().get());
        assertEquals(Path.of("/models/mae.onnx"), prefs.modelPath());
    }
}
