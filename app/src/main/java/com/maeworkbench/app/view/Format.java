package com.maeworkbench.app.view;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.FloatImage;

/** Text for numbers shown in more than one place. */
public final class Format {

    private Format() {
    }

    public static String psnr(double db) {
        if (Double.isNaN(db)) return "–";
        return Double.isInfinite(db) ? "∞ dB" : String.format("%.2f dB", db);
    }

    /** A signed difference in dB with a real minus sign, e.g. "+2.08 dB", "−0.52 dB". */
    public static String gap(double db) {
        if (Double.isNaN(db)) return "–";
        if (Double.isInfinite(db)) return db > 0 ? "+∞ dB" : "−∞ dB";
        return (db < 0 ? "−" : "+") + String.format("%.2f dB", Math.abs(db));
    }

    public static String ssim(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.3f", v);
    }

    public static String millis(double ms) {
        if (Double.isNaN(ms)) return "–";
        if (ms < 10) return String.format("%.1f ms", ms);
        return ms < 10_000 ? String.format("%.0f ms", ms) : String.format("%.1f s", ms / 1000);
    }

    /** A pixel's value in the image's raw units (e.g. HU for CT), or its RGB levels. */
    public static String rawValue(FloatImage img, int x, int y) {
        Calibration cal = img.calibration();
        int i = y * img.width() + x;
        if (img.channels() == 1) {
            return number(cal.toRaw(img.plane(0)[i])) + (cal.unit().isEmpty() ? "" : " " + cal.unit());
        }
        return "RGB " + number(cal.toRaw(img.plane(0)[i])) + ", " + number(cal.toRaw(img.plane(1)[i])) + ", " + number(cal.toRaw(img.plane(2)[i]));
    }

    /**
     * A size of difference (an error, its predicted std) given in normalised units, in the image's raw units:
     * "100 HU" for CT, "64 levels" for a picture of plain levels.
     */
    public static String amount(FloatImage img, double normalised) {
        Calibration cal = img.calibration();
        double raw = Math.abs(normalised * cal.scale());
        String value = raw >= 10 ? String.valueOf(Math.round(raw)) : String.format("%.1f", raw);
        return value + "\u00a0" + (cal.unit().isEmpty() ? "levels" : cal.unit()); // the number never wraps from its unit
    }

    static String number(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-3 ? String.valueOf((long) Math.rint(v)) : String.format("%.2f", v);
    }
}
