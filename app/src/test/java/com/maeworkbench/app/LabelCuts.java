package com.maeworkbench.app;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/** Finds the labels a user would see cut: ellipsised, too small for their text, or sticking out of their container. */
final class LabelCuts {

    private static final double SLACK = 0.5;

    private LabelCuts() {
    }

    /** One line per visible label in {@code container} whose text is not shown whole. FX thread. */
    static List<String> in(Parent container) {
        List<String> cuts = new ArrayList<>();
        Bounds box = container.localToScene(container.getLayoutBounds());
        walk(container, container, box, cuts);
        return cuts;
    }

    private static void walk(Node node, Parent container, Bounds box, List<String> cuts) {
        if (!node.isVisible()) return;
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) check(l, box, cuts);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) walk(child, container, box, cuts);
        }
    }

    private static void check(Labeled l, Bounds box, List<String> cuts) {
        String what = l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId()) + " \"" + l.getText() + "\"";
        // The skin's Text holds what is drawn: the text with "..." where it did not fit.
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child != l.getGraphic() && child.isVisible() && !t.getText().equals(l.getText())) {
                cuts.add(what + " drawn as \"" + t.getText() + "\"");
                return;
            }
        }
        double w = l.getWidth(), h = l.getHeight();
        if (!l.isWrapText() && l.prefWidth(-1) > w + SLACK) {
            cuts.add(what + " needs " + l.prefWidth(-1) + " px, has " + w);
        } else if (l.isWrapText() && l.prefHeight(w) > h + SLACK) {
            cuts.add(what + " needs " + l.prefHeight(w) + " px high at " + w + " px, has " + h);
        }
        Bounds b = l.localToScene(l.getLayoutBounds());
        if (b.getMinX() < box.getMinX() - SLACK || b.getMaxX() > box.getMaxX() + SLACK
                || b.getMinY() < box.getMinY() - SLACK || b.getMaxY() > box.getMaxY() + SLACK) {
            cuts.add(what + " at " + b + " sticks out of its container " + box);
        }
    }
}
