package com.maeworkbench.app.view;

import com.maeworkbench.app.state.WorkbenchState;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One of the presentation's four views: a title with the panel's badge, the panel's facts (the same text the
 * workbench's panel shows, from {@link PanelFacts}), and the panel's rendered image fitted whole, with the mask
 * over the masked input. Its three parts sit in three rows of the presentation's grid, so the images line up.
 */
final class PresentationTile {

    private static final PseudoClass BEST = PseudoClass.getPseudoClass("best");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    final VBox header = new VBox();
    final FitImage picture = new FitImage();
    private final Label kicker = new Label();
    private final Label title = new Label();
    private final Label badge = new Label();
    private final VBox facts = new VBox();
    private final Label note = new Label();
    private final String id;
    private String panel;

    PresentationTile(String id) {
        this.id = id;
        kicker.getStyleClass().add("present-kicker");
        kicker.setId(id + "-kicker");
        kicker.setWrapText(true);
        kicker.setMinHeight(Label.USE_PREF_SIZE);
        title.getStyleClass().add("present-title");
        title.setId(id + "-title");
        title.setWrapText(true);
        badge.getStyleClass().add("present-badge");
        badge.setId(id + "-badge");
        badge.setMinWidth(Label.USE_PREF_SIZE);
        HBox row = new HBox(10, title, badge);
        row.setAlignment(Pos.BASELINE_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);
        facts.getStyleClass().add("present-facts");
        facts.setId(id + "-facts");
        note.getStyleClass().add("present-note");
        note.setWrapText(true);
        note.managedProperty().bind(note.visibleProperty());
        header.getChildren().addAll(kicker, row, facts, note);
        header.getStyleClass().add("present-header");
        header.setId(id);
        picture.setId(id + "-image");
    }

    /**
     * Which workbench panel this view shows now (the best classical method changes with the image), what it is
     * for a room in a few words above its title ("best classical method"), and its title.
     */
    void show(String panelId, String kickerText, String titleText) {
        panel = panelId;
        kicker.setText(kickerText);
        title.setText(titleText);
    }

    String panel() {
        return panel;
    }

    /** The panel's badge and facts, read from the state as the workbench's panel reads them (run times left out). */
    void refresh(WorkbenchState state, Function<String, String> names) {
        if (panel == null) return;
        PanelFacts f = PanelFacts.of(state, panel, names, false);
        header.pseudoClassStateChanged(BEST, panel.equals(state.bestMethodProperty().get()));
        header.pseudoClassStateChanged(STALE, f.stale());
        badge.setText(f.badge() == null ? "" : f.badge());
        badge.setVisible(f.badge() != null);
        // One line per fact, the panel's "PSNR · SSIM" as two: large type in a quarter of the screen.
        List<String> lines = f.facts().stream().flatMap(t -> Arrays.stream(t.split(" · "))).toList();
        facts.getChildren().setAll(lines.stream().map(t -> {
            Label l = new Label(t);
            l.getStyleClass().add("present-fact");
            l.setWrapText(true);
            l.setMinHeight(Label.USE_PREF_SIZE);
            return l;
        }).toList());
        note.setText(f.note() == null ? "" : f.note());
        note.setVisible(f.note() != null);
    }

    /** The lines of facts shown. */
    List<String> facts() {
        return facts.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    /** An image fitted whole into the space it is given, centred, and drawn nearest-neighbour when magnified. */
    static final class FitImage extends Pane {
        final ImageView base = new ImageView();
        final ImageView overlay = new ImageView();
        final Label originalBadge = new Label("Original (Space)");

        FitImage() {
            getStyleClass().add("present-picture");
            setMinSize(0, 0);
            for (ImageView v : new ImageView[]{base, overlay}) {
                v.setManaged(false);
                v.setPreserveRatio(false);
            }
            originalBadge.getStyleClass().add("original-badge");
            originalBadge.setManaged(false);
            base.imageProperty().addListener((o, a, b) -> requestLayout());
            getChildren().addAll(base, overlay, originalBadge);
        }

        Image image() {
            return base.getImage();
        }

        @Override
        protected void layoutChildren() {
            Image img = base.getImage();
            if (img == null) return;
            double w = getWidth() - snappedLeftInset() - snappedRightInset(), h = getHeight() - snappedTopInset() - snappedBottomInset();
            double scale = Math.max(0, Math.min(w / img.getWidth(), h / img.getHeight()));
            double iw = img.getWidth() * scale, ih = img.getHeight() * scale;
            double x = snappedLeftInset() + (w - iw) / 2, y = snappedTopInset() + (h - ih) / 2;
            for (ImageView v : new ImageView[]{base, overlay}) {
                v.setLayoutX(Math.round(x));
                v.setLayoutY(Math.round(y));
                v.setFitWidth(Math.round(iw));
                v.setFitHeight(Math.round(ih));
                v.setSmooth(scale < 1); // pixels stay pixels when magnified
            }
            originalBadge.autosize();
            originalBadge.relocate(Math.round(x), Math.round(y));
        }
    }
}
