package com.maeworkbench.report;

import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.method.RestorationMethod;

/** What produced a restored image, as exported files say it (DICOM DerivationDescription): one text for the CLI and the app. */
public final class Derivation {

    private Derivation() {
    }

    /** The method, and the model's name and version for the MAE. */
    public static String of(RestorationMethod method) {
        String text = "Masked pixels restored by " + method.displayName() + " (" + method.id() + "), MAE Restoration Workbench";
        if (method instanceof MaeMethod mae && mae.availability().available()) {
            text += ", model " + mae.info().name() + " " + mae.info().version();
        }
        return text + "; unmasked pixels keep the source's stored values";
    }
}
