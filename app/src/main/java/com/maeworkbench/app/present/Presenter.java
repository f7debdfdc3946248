package com.maeworkbench.app.present;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.PanelImages;
import com.maeworkbench.app.view.PresentationView;
import com.maeworkbench.app.view.StatusBarView;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Presentation mode: a full-screen window over the workbench showing {@link PresentationView}, stepping through a
 * {@link PresentationScript} with the arrow keys (or a presenter's clicker: Page Up / Page Down). A step opens its
 * image with its mask through the workbench's own commands (or, for the image already open, replaces the mask as
 * one undoable edit) and sets what the panels draw; the workbench computes everything as it always does. Space held
 * shows the original, D toggles the difference heatmap, Esc or F11 leaves. FX thread only.
 */
public final class Presenter {

    private final WorkbenchState state;
    private final MaskController masks;
    private final BiFunction<Path, String, CompletableFuture<Boolean>> open;
    private final Notifier notifier;
    private final PanelImages images;
    private final Function<String, String> names;
    private final List<String> stylesheets;
    private Stage stage;
    private PresentationView view;
    private PresentationScript script;
    private int index;
    private boolean spaceHeld;
    private ViewMode modeBefore;
    private CompletableFuture<Boolean> applied = CompletableFuture.completedFuture(true);

    /**
     * @param open opens an image file with a mask recipe, completing on the FX thread with whether it opened (the
     *             workbench's Open command, which reports failures itself)
     */
    public Presenter(WorkbenchState state, MaskController masks, BiFunction<Path, String, CompletableFuture<Boolean>> open,
                     Notifier notifier, PanelImages images, Function<String, String> names, List<String> stylesheets) {
        this.state = state;
        this.masks = masks;
        this.open = open;
        this.notifier = notifier;
        this.images = images;
        this.names = names;
        this.stylesheets = List.copyOf(stylesheets);
    }

    /** Opens the presentation full screen on {@code owner}'s screen at the script's first step. */
    public void start(Window owner, PresentationScript steps) {
        if (stage != null) stop();
        script = steps;
        modeBefore = state.viewModeProperty().get();
        view = new PresentationView(state, images, names);
        Scene scene = new Scene(view);
        scene.getStylesheets().addAll(stylesheets);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
        stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Presentation — " + StatusBarView.DISCLAIMER);
        stage.setScene(scene);
        Rectangle2D screen = owner == null ? Screen.getPrimary().getBounds()
                : Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight()))
                .stream().findFirst().orElse(Screen.getPrimary()).getBounds();
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setWidth(screen.getWidth());
        stage.setHeight(screen.getHeight());
        // Esc and F11 leave the presentation itself, not only full screen; the view says so at its foot.
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        Stage shown = stage;
        stage.setOnHidden(e -> {
            if (stage == shown) stop();
        });
        state.presentingProperty().set(true);
        stage.show();
        go(0);
    }

    /** Leaves the presentation; the workbench keeps the last step's image and mask and gets its view mode back. */
    public void stop() {
        if (stage == null) return;
        Stage closing = stage;
        stage = null;
        view.dispose();
        view = null;
        spaceHeld = false;
        state.showOriginalProperty().set(false);
        state.viewModeProperty().set(modeBefore);
        state.presentingProperty().set(false);
        closing.hide();
    }

    public boolean showing() {
        return stage != null;
    }

    public void next() {
        if (stage != null) go(index + 1);
    }

    public void previous() {
        if (stage != null) go(index - 1);
    }

    private void go(int i) {
        index = Math.max(0, Math.min(script.steps().size() - 1, i));
        PresentationScript.Step step = script.steps().get(index);
        view.setStep(index, script.steps().size(), step.caption());
        view.setProblem(null);
        // In order: a step whose image is still opening must not have its mask applied to the image before it.
        applied = applied.handle((ok, e) -> null).thenComposeAsync(x -> apply(step), Platform::runLater);
    }

    private CompletableFuture<Boolean> apply(PresentationScript.Step step) {
        if (stage == null || script.steps().get(index) != step) return CompletableFuture.completedFuture(false); // left or moved on
        state.viewModeProperty().set(step.show() == PresentationScript.Show.DIFFERENCE ? ViewMode.DIFFERENCE : ViewMode.IMAGE);
        state.showOriginalProperty().set(showsOriginal());
        FloatImage img = state.getImage();
        Path shown = state.getImagePath();
        CompletableFuture<Boolean> done;
        if (img != null && shown != null && same(shown, step.image())) {
            done = CompletableFuture.completedFuture(replaceMask(step, img));
        } else {
            done = open.apply(step.image(), step.mask());
        }
        return done.thenApply(ok -> {
            if (!ok && view != null) {
                List<String> notes = state.notifications();
                view.setProblem(notes.isEmpty() ? "Step " + (index + 1) + " could not be shown" : notes.get(notes.size() - 1));
            }
            return ok;
        });
    }

    private boolean replaceMask(PresentationScript.Step step, FloatImage img) {
        Mask mask;
        try {
            mask = MaskSpec.parse(step.mask()).generate(img.width(), img.height());
        } catch (IllegalArgumentException e) {
            notifier.error("Presentation step " + (index + 1), script.source() + ": " + e.getMessage());
            return false;
        }
        if (!mask.sameContent(state.getMask())) masks.replace(mask);
        return true;
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private boolean showsOriginal() {
        return spaceHeld || script.steps().get(index).show() == PresentationScript.Show.ORIGINAL;
    }

    private void keyPressed(KeyEvent e) {
        switch (e.getCode()) {
            case RIGHT, DOWN, PAGE_DOWN, ENTER -> next();
            case LEFT, UP, PAGE_UP, BACK_SPACE -> previous();
            case HOME -> go(0);
            case END -> go(script.steps().size() - 1);
            case SPACE -> {
                spaceHeld = true;
                state.showOriginalProperty().set(true);
            }
            case D -> state.viewModeProperty().set(state.viewModeProperty().get() == ViewMode.DIFFERENCE ? ViewMode.IMAGE : ViewMode.DIFFERENCE);
            case ESCAPE, F11 -> stop();
            default -> {
                return; // other keys are not the presentation's
            }
        }
        e.consume();
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() != KeyCode.SPACE) return;
        spaceHeld = false;
        if (stage != null) state.showOriginalProperty().set(showsOriginal());
        e.consume();
    }

    /** The step shown (0-based). */
    public int index() {
        return index;
    }

    public PresentationScript script() {
        return script;
    }

    /** Completes once the newest step's image and mask are in the state (false when they could not be). */
    public CompletableFuture<Boolean> applied() {
        return applied;
    }

    public PresentationView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
