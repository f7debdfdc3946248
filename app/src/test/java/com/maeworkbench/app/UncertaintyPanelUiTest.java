package com.maeworkbench.app;

import com.maeworkbench.app.state.UncertaintyResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.Format;
import com.maeworkbench.app.view.ImagePanel;
import com.maeworkbench.app.view.PanelGrid;
import javafx.geometry.Point2D;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MAE uncertainty panel as a user meets it: U shows it after the MAE's panel, its map arrives once the panels
 * settle, with its colour bar and facts whole at 1024x700; a stroke makes it stale until the new map; U hides it.
 */
@ExtendWith(ApplicationExtension.class)
class UncertaintyPanelUiTest {

    private Workbench workbench;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage);
        stage.show();
        workbench.startUp(List.of(TestAssets.sample("brain-proton-density.png").toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        fx(() -> {
            workbench.state().uncertaintyShownProperty().set(false);
            return null;
        });
        workbench.close();
    }

    private WorkbenchState state() {
        return workbench.state();
    }

    /** The map shown answers the mask shown, and nothing is computing. */
    private boolean mapCurrent() {
        UncertaintyResult u = state().uncertaintyProperty().get();
        return u != null && u.map() != null && u.maskSeq() == state().maskSeq() && state().uncertaintyActivityProperty().get() == null;
    }

    private List<String> facts() throws Exception {
        return fx(() -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).map(ImagePanel::facts).orElse(List.of()));
    }

    @Test
    void keyShowsThePanelItsMapFollowsTheEditsAndTheKeyHidesIt(FxRobot robot) throws Exception {
        assertTrue(workbench.startupModel().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "model loads");
        assertTrue(workbench.startupImage().get(FxWait.TIMEOUT_S, TimeUnit.SECONDS), "sample opens");
        waitFor("every panel measured", () -> state().comparableProperty().get());
        assertFalse(fx(() -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).isPresent()), "off at first");

        robot.press(KeyCode.U).release(KeyCode.U);
        waitFor("the panel", () -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).isPresent());
        List<String> order = fx(() -> workbench.grid().panels().stream().map(ImagePanel::panelId).toList());
        assertEquals(order.indexOf("mae") + 1, order.indexOf(WorkbenchState.UNCERTAINTY), "right after the MAE's panel: " + order);
        waitFor("the map", this::mapCurrent);
        waitFor("its facts", () -> facts().contains("calibrated"));
        List<String> facts = facts();
        assertTrue(facts.stream().anyMatch(f -> f.matches("predicted error in mask: RMS \\d+(\\.\\d)?\u00a0levels")), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f.matches("computed in \\d+\\.\\d s, 3 MAE passes")), facts.toString());
        assertEquals("≥ 64\u00a0levels", fx(() -> ((Labeled) stage.getScene().lookup("#uncertainty-full-scale")).getText()),
                "the difference heatmap's top: a quarter of the 8-bit window");
        assertEquals(null, fx(() -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).orElseThrow().badge()));

        // Nothing cut at the smallest window, the colour bar included.
        fx(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1024);
            stage.setHeight(700);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return null;
        });
        assertEquals(List.of(), fx(() -> LabelCuts.in(workbench.grid().panel(WorkbenchState.UNCERTAINTY).orElseThrow())));

        // A stroke: the map goes stale at once and a new one follows once the panels have settled.
        UncertaintyResult before = fx(() -> state().uncertaintyProperty().get());
        ImagePanel masked = fx(() -> workbench.grid().panel(WorkbenchState.MASKED).orElseThrow());
        Point2D a = fx(() -> masked.imageToScreen(30.5, 60.5)), b = fx(() -> masked.imageToScreen(120.5, 60.5));
        robot.moveTo(a).press(MouseButton.PRIMARY);
        for (int i = 1; i <= 6; i++) robot.moveTo(a.add(b.subtract(a).multiply(i / 6.0)));
        assertEquals("stale", fx(() -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).orElseThrow().badge()), "mid-stroke");
        robot.release(MouseButton.PRIMARY);
        waitFor("the stroke's map", () -> mapCurrent() && state().uncertaintyProperty().get() != before);
        assertEquals(null, fx(() -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).orElseThrow().badge()));

        // The pixel readout over the map gives the predicted error in the image's units. The robot lands on whole
        // screen pixels, so under the panel's zoom the pixel read may be a neighbour of the one aimed at.
        ImagePanel panel = fx(() -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).orElseThrow());
        robot.moveTo(fx(() -> panel.imageToScreen(60.5, 60.5)));
        WaitForAsyncUtils.waitForFxEvents();
        String readout = fx(() -> state().pixelReadoutProperty().get());
        Matcher m = Pattern.compile("\\((\\d+), (\\d+)\\)  (.+)").matcher(readout);
        assertTrue(m.matches(), "readout: " + readout);
        int x = Integer.parseInt(m.group(1)), y = Integer.parseInt(m.group(2));
        assertTrue(Math.abs(x - 60) <= 1 && Math.abs(y - 60) <= 1, "the pixel under the pointer: " + readout);
        UncertaintyResult u = fx(() -> state().uncertaintyProperty().get());
        assertTrue(u.map().sigma()[y * u.map().width() + x] > 0, "a masked pixel: " + readout);
        assertEquals(Format.rawValue(u.sigma(), x, y), m.group(3), "the map's value");
        assertFalse(m.group(3).equals(fx(() -> Format.rawValue(state().getImage(), x, y))), "σ, not the image: " + readout);

        robot.press(KeyCode.U).release(KeyCode.U);
        waitFor("the panel gone", () -> workbench.grid().panel(WorkbenchState.UNCERTAINTY).isEmpty());
        assertEquals(PanelGrid.UNCERTAINTY_TITLE, fx(() -> workbench.grid().displayName(WorkbenchState.UNCERTAINTY)));
        waitFor("nothing computing once hidden", () -> state().uncertaintyActivityProperty().get() == null);
    }
}
