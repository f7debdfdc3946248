package com.maeworkbench.app.view;

import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

import static com.maeworkbench.app.view.FactGrid.key;
import static com.maeworkbench.app.view.FactGrid.value;

/**
 * What the image is and what decoding did to its pixels (the core's {@link SourceInfo}): format, size, bits,
 * frame and slice, the values' units, and each value transform (BitsStored masking, signed offset,
 * MONOCHROME1 inversion, colour conversion, rescale) as one line. Follows the slice shown while open.
 */
public final class ImageInfoDialog {

    /** Said when decoding changed no value. */
    static final String UNCHANGED = "none: the stored values, scaled to 0..1 by the bit depth";

    private ImageInfoDialog() {
    }

    /** Shows the dialog (not modal) and returns it, so a test can look inside. */
    public static Dialog<Void> show(Window owner, WorkbenchState state) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Image info");
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("image-info-dialog");
        GridPane grid = FactGrid.grid();
        grid.setPrefWidth(640);
        dialog.getDialogPane().setContent(grid);
        Runnable fill = () -> {
            grid.getChildren().clear();
            int row = 0;
            for (String[] fact : facts(state)) grid.addRow(row++, key(fact[0]), value(fact[1]));
            dialog.setHeaderText(state.getImagePath() == null ? "No image" : state.getImagePath().getFileName().toString());
            if (dialog.isShowing()) dialog.getDialogPane().getScene().getWindow().sizeToScene();
        };
        ChangeListener<FloatImage> onImage = (o, a, b) -> fill.run();
        state.imageProperty().addListener(onImage);
        dialog.setOnHidden(e -> state.imageProperty().removeListener(onImage));
        fill.run();
        DialogSizing.fitToContent(dialog);
        dialog.show();
        return dialog;
    }

    /** Key and value rows; the transforms one row each. */
    static List<String[]> facts(WorkbenchState state) {
        List<String[]> rows = new ArrayList<>();
        FloatImage img = state.getImage();
        if (img == null) {
            rows.add(new String[]{"Image", "none open"});
            return rows;
        }
        SourceInfo s = img.source();
        SliceStack stack = state.getSliceStack();
        int slice = state.sliceIndexProperty().get();
        rows.add(new String[]{"File", String.valueOf(state.getImagePath() == null ? "—" : state.getImagePath().toAbsolutePath())});
        String format = s.format().isEmpty() ? "made in memory" : s.format();
        if (stack != null) format += " (" + stack.slice(slice).image().transferSyntax() + ")";
        rows.add(new String[]{"Format", format});
        rows.add(new String[]{"Size", img.width() + " × " + img.height() + " px, " + (img.channels() == 1 ? "gray" : "RGB")
                + (s.alphaDropped() ? " (the alpha channel was dropped)" : "")});
        rows.add(new String[]{"Bits", img.bitDepth() + (stack != null ? " bits stored" : "-bit samples")});
        if (s.frames() > 1 || stack != null) {
            rows.add(new String[]{"Frame", (s.frame() + 1) + " of " + s.frames() + " in the file (the CLI's --frame " + s.frame() + ")"});
        }
        if (stack != null && stack.isSeries()) {
            String where = stack.position(slice).map(p -> "; position " + Format.number(p) + " mm along the slice normal").orElse("");
            rows.add(new String[]{"Slice", (slice + 1) + " of " + stack.size() + " in the folder's series, ordered by " + stack.order() + where});
        }
        Calibration c = img.calibration();
        String unit = c.unit().isEmpty() ? (stack != null ? "stored values" : "levels") : c.unit();
        rows.add(new String[]{"Values", "0..1 shown = " + Format.number(Math.min(c.toRaw(0), c.toRaw(1))) + " .. "
                + Format.number(Math.max(c.toRaw(0), c.toRaw(1))) + " " + unit});
        rows.add(new String[]{"Default window", "L " + Format.number(c.toRaw(img.window().center())) + "  W "
                + Format.number(Math.abs(img.window().width() * c.scale())) + " " + unit});
        List<String> steps = s.transforms();
        if (steps.isEmpty()) rows.add(new String[]{"Decoding did", UNCHANGED});
        for (int i = 0; i < steps.size(); i++) rows.add(new String[]{i == 0 ? "Decoding did" : "", "• " + steps.get(i)});
        return rows;
    }

    /** One line for a tooltip: the format, frame and each transform. */
    public static String summary(WorkbenchState state) {
        FloatImage img = state.getImage();
        if (img == null) return "Image info";
        SourceInfo s = img.source();
        StringBuilder b = new StringBuilder("Image info (View ▸ Image info…)\n").append(s.format().isEmpty() ? "in memory" : s.format());
        if (s.frames() > 1) b.append(", frame ").append(s.frame() + 1).append(" of ").append(s.frames());
        b.append(", ").append(img.bitDepth()).append(" bits");
        for (String t : s.transforms()) b.append("\n• ").append(t);
        return b.toString();
    }
}
