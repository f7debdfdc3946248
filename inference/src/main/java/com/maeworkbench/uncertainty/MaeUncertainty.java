package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.IntensityRange;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The MAE's uncertainty map: the spread of a {@link TestTimeEnsemble} of its own restorations, mapped by the
 * model's shipped {@link UncertaintyCalibration} to a predicted error standard deviation per pixel.
 *
 * <p>Slow by design (several full MAE passes): run it after the live result has settled, on its own thread,
 * and interrupt that thread to cancel. Give it its own {@link MaeMethod} (e.g. {@code MaeMethod.load} of
 * the same file): the live method keeps per-tile outputs of its newest result for incremental edits, and
 * restorations of the ensemble's flipped copies would displace them. Thread-safe.
 */
public final class MaeUncertainty {

    /**
     * The shipped ensemble: the plain restoration, its mirror image, its transpose and a quarter turn (3
     * passes besides the plain one). Chosen on the validation split by {@code training/uncertainty.py
     * study}: one mirror image alone bought most of the ranking; the two further symmetries a little more;
     * 4 more symmetries, tile-grid shifts or MAEDAY patch dropout added no more than 0.01 Spearman for
     * each extra pass (table in the model card).
     */
    public static final TestTimeEnsemble STANDARD = new TestTimeEnsemble(List.of(
            EnsembleMember.identity(),
            new EnsembleMember(Dihedral.FLIP_X, 0, 0, 0, 1, 0),
            new EnsembleMember(Dihedral.TRANSPOSE, 0, 0, 0, 1, 0),
            new EnsembleMember(Dihedral.ROTATE_90, 0, 0, 0, 1, 0)));

    private final MaeMethod mae;
    private final TestTimeEnsemble ensemble;
    private final UncertaintyCalibration calibration;
    private final String calibrationNote;

    private MaeUncertainty(MaeMethod mae, TestTimeEnsemble ensemble, UncertaintyCalibration calibration, String note) {
        this.mae = Objects.requireNonNull(mae, "mae");
        this.ensemble = ensemble;
        this.calibration = calibration;
        this.calibrationNote = note;
    }

    /** The standard ensemble with the calibration shipped beside the method's model file. */
    public static MaeUncertainty of(MaeMethod mae) {
        return of(mae, STANDARD);
    }

    /**
     * An ensemble with the calibration beside the model file when that calibration was fitted for this
     * model (same SHA-256) and this ensemble; otherwise uncalibrated, and {@link #calibrationNote()} says why.
     */
    public static MaeUncertainty of(MaeMethod mae, TestTimeEnsemble ensemble) {
        Path model = mae.info().file();
        Path sidecar = UncertaintyCalibration.sidecarOf(model);
        if (!Files.exists(sidecar)) {
            return new MaeUncertainty(mae, ensemble, UncertaintyCalibration.NONE, "no calibration (" + sidecar.getFileName() + " not found): raw ensemble spread");
        }
        try {
            UncertaintyCalibration c = UncertaintyCalibration.read(sidecar);
            if (!c.modelSha256().equalsIgnoreCase(sha256(model))) {
                return new MaeUncertainty(mae, ensemble, UncertaintyCalibration.NONE, sidecar + " was fitted for another model file: raw ensemble spread");
            }
            if (!c.ensemble().equals(ensemble.describe())) {
                return new MaeUncertainty(mae, ensemble, UncertaintyCalibration.NONE, sidecar + " was fitted for another ensemble: raw ensemble spread");
            }
            return new MaeUncertainty(mae, ensemble, c, "calibrated by " + sidecar.getFileName());
        } catch (IOException e) {
            return new MaeUncertainty(mae, ensemble, UncertaintyCalibration.NONE, e.getMessage() + ": raw ensemble spread");
        }
    }

    /** An explicit calibration (tests, studies). */
    public static MaeUncertainty of(MaeMethod mae, TestTimeEnsemble ensemble, UncertaintyCalibration calibration) {
        return new MaeUncertainty(mae, ensemble, calibration, calibration.calibrated() ? "calibration given" : "no calibration: raw ensemble spread");
    }

    public TestTimeEnsemble ensemble() {
        return ensemble;
    }

    public UncertaintyCalibration calibration() {
        return calibration;
    }

    /** One line: which calibration is in use, or why none. */
    public String calibrationNote() {
        return calibrationNote;
    }

    /**
     * The map for {@code image} under {@code mask}. {@code plain} is the MAE's own result for them when the
     * caller has it (saves one pass; it must come from the same model), else null.
     */
    public UncertaintyMap estimate(FloatImage image, Mask mask, FloatImage plain) {
        long start = System.nanoTime();
        float[] sigma = ensemble.spread(mae, image, mask, plain);
        // The model sees the image stretched over this window and calibration is in its units; map back.
        IntensityRange range = IntensityRange.of(image, mask);
        double width = range.hi() - range.lo();
        if (calibration.calibrated()) {
            boolean[] missing = mask.missing();
            for (int i = 0; i < sigma.length; i++) {
                if (missing[i]) sigma[i] = (float) (width * calibration.apply(sigma[i] / width));
            }
        }
        int passes = ensemble.members().size() - (plain == null ? 0 : 1);
        return new UncertaintyMap(image.width(), image.height(), sigma, calibration.calibrated(), passes, (System.nanoTime() - start) / 1e6);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
