package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.photo.Photo;

/**
 * OpenCV's {@code Photo.inpaint}, Telea's or the Navier-Stokes method: the reference that {@link TeleaInpaint} and
 * {@link NavierStokesInpaint} are tested and benchmarked against (the workbench lists those; OpenCV's cost grows
 * with the square of the image, see {@link FastMarching}). Each channel goes through as its own 32-bit float
 * plane ({@code inpaint} accepts CV_32FC1 besides 8-bit), so 16-bit and DICOM sources keep their precision;
 * known pixels are copied back unchanged. Masked pixels go in as 0: OpenCV reads them on the image's first row
 * and column.
 *
 * <p>Values are scaled by 2^24 (exact in float) for OpenCV: 4.9's Telea adds terms of about one
 * intensity unit to float results (opencv#25404, fixed in 4.10), which wrecks a [0,1] image but is
 * ~1e-7 at this scale. Both methods are tuned for integer intensity ranges anyway.
 */
public final class OpenCvInpaint implements RestorationMethod {

    static final double RADIUS = 5;
    private static final float SCALE = 1 << 24;

    private final String id;
    private final String displayName;
    private final int flag;

    private OpenCvInpaint(String id, String displayName, int flag) {
        this.id = id;
        this.displayName = displayName;
        this.flag = flag;
    }

    /** Telea (2004), fast marching; {@code Photo.INPAINT_TELEA}. */
    public static OpenCvInpaint telea() {
        return new OpenCvInpaint("opencv-telea", "OpenCV Telea", Photo.INPAINT_TELEA);
    }

    /** Bertalmio et al. (2001), Navier-Stokes; {@code Photo.INPAINT_NS}. */
    public static OpenCvInpaint navierStokes() {
        return new OpenCvInpaint("opencv-ns", "OpenCV Navier-Stokes", Photo.INPAINT_NS);
    }

    @Override
    public String id() {
        return id;
    }

    /** Around a second on 512x512, and its fast marching carries information sideways without bound. */
    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public Availability availability() {
        return OpenCvNative.availability();
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        Availability a = availability();
        if (!a.available()) throw new IllegalStateException(a.reason());
        int w = image.width(), h = image.height(), n = w * h;
        boolean[] missing = mask.missing();
        byte[] maskBytes = new byte[n];
        for (int i = 0; i < n; i++) if (missing[i]) maskBytes[i] = (byte) 255;
        float[][] out = Fills.copyPlanesBlankingMasked(image, missing);
        float[] scaled = new float[n];
        Mat cvMask = new Mat(h, w, CvType.CV_8UC1);
        Mat src = new Mat(h, w, CvType.CV_32FC1);
        Mat dst = new Mat();
        try {
            cvMask.put(0, 0, maskBytes);
            for (float[] plane : out) {
                Fills.checkCancelled();
                for (int i = 0; i < n; i++) scaled[i] = plane[i] * SCALE;
                src.put(0, 0, scaled);
                Photo.inpaint(src, cvMask, dst, RADIUS, flag);
                dst.get(0, 0, scaled);
                for (int i = 0; i < n; i++) if (missing[i]) plane[i] = scaled[i] / SCALE;
            }
        } finally {
            cvMask.release();
            src.release();
            dst.release();
        }
        return image.withPlanes(out);
    }
}
