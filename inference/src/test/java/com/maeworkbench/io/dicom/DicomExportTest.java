package com.maeworkbench.io.dicom;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exported Secondary Capture files: pydicom reads them back with the source's stored values outside the
 * restored block (and the block's new values inside), the identity and derivation attributes are as promised,
 * and dicom3tools' dciodvfy reports no error.
 */
class DicomExportTest {

    @TempDir
    Path dir;

    /** The check run by pydicom; prints one line per failed expectation, and "ok" at the end. */
    private static final String CHECK = String.join("\n",
            "import sys, pydicom, numpy as np",
            "src, out, frame, anon, ybr = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == '1', sys.argv[5] == '1'",
            "s, e = pydicom.dcmread(src), pydicom.dcmread(out)",
            "a = s.pixel_array if int(s.get('NumberOfFrames', 1) or 1) == 1 else s.pixel_array[frame]",
            "b = e.pixel_array",
            "mask = np.zeros(b.shape[:2], bool); mask[0:2, 0:2] = True",
            "if not ybr and not np.array_equal(a[~mask], b[~mask]): print('unmasked pixels differ')",
            "if e.SOPClassUID != '1.2.840.10008.5.1.4.1.1.7': print('sop class', e.SOPClassUID)",
            "if list(e.ImageType) != ['DERIVED', 'SECONDARY']: print('image type', e.ImageType)",
            "dash = '\u2014' if e.SpecificCharacterSet == 'ISO_IR 192' else '-'  # ISO 2022 sources keep their character set",
            "if 'AI reconstruction ' + dash + ' not for diagnostic use' not in e.SeriesDescription: print('series description', e.SeriesDescription)",
            "if 'not for diagnostic use' not in e.ImageComments: print('comments')",
            "if 'bilinear' not in e.DerivationDescription: print('derivation')",
            "if e.SeriesInstanceUID == s.get('SeriesInstanceUID') or not e.SeriesInstanceUID.startswith('2.25.'): print('series uid')",
            "if e.SOPInstanceUID == s.get('SOPInstanceUID'): print('instance uid')",
            "if not ybr and (e.BitsStored, e.PixelRepresentation) != (s.BitsStored, s.PixelRepresentation): print('bits', e.BitsStored, e.PixelRepresentation)",
            "if anon and (e.PatientName != '' or e.PatientID != '' or e.StudyInstanceUID == s.get('StudyInstanceUID') or e.PatientIdentityRemoved != 'YES'): print('not anonymous')",
            "if not anon and (e.PatientID != s.get('PatientID', '') or e.StudyInstanceUID != s.get('StudyInstanceUID')): print('identity not kept')",
            "if not anon and 'SOPInstanceUID' in s and e.SourceImageSequence[0].ReferencedSOPInstanceUID != s.SOPInstanceUID: print('source reference')",
            "print('ok')");

    @ParameterizedTest(name = "{0} frame {1} anonymise {2}")
    @CsvSource({"CT_small.dcm, 0, false", "MR_small.dcm, 0, true", "dicomdirtests/77654033/CR1/6154, 0, false",
            "SC_rgb_small_odd.dcm, 0, false", "ExplVR_BigEnd.dcm, 0, false", "SC_rgb_rle_2frame.dcm, 1, false",
            "MR_small_jp2klossless.dcm, 0, false", "SC_rgb_dcmtk_+eb+cy+n1.dcm, 0, true", "J2K_pixelrep_mismatch.dcm, 0, false"})
    void readBackByPydicomAndValidByDciodvfy(String name, int frame, boolean anonymise) throws Exception {
        Path source = DicomTools.pydicomFiles().resolve(name);
        DicomImage image = DicomImage.open(source, ImageFiles.DEFAULT_MAX_PIXELS);
        FloatImage restored = image.frame(frame).copy();
        for (float[] plane : restored.planes()) {
            for (int y = 0; y < 2; y++) for (int x = 0; x < 2; x++) plane[y * restored.width() + x] = 0.5f;
        }
        Path out = dir.resolve("export.dcm");
        new DicomExport(image, "bilinear", "restored by bilinear, MAE Restoration Workbench", anonymise).write(restored, frame, out);
        boolean ybr = image.format().photometric().startsWith("YBR_FULL");
        String check = DicomTools.run(DicomTools.PYTHON, "-c", CHECK, source.toString(), out.toString(), Integer.toString(frame),
                anonymise ? "1" : "0", ybr ? "1" : "0");
        assertEquals("ok", check.strip().lines().filter(l -> !l.contains("Warning") && !l.contains("warn")).reduce((a, b) -> a + "\n" + b).orElse(""));
        FloatImage back = DicomImage.open(out, ImageFiles.DEFAULT_MAX_PIXELS).frame(0);
        PydicomFilesTest.assertSame(restored, back, 0.51, name + " read back"); // the block's 0.5 rounds to a level
        DicomTools.require(DicomTools.onPath("dciodvfy"), "dciodvfy (dicom3tools)");
        List<String> errors = DicomTools.runAllowingFailure("dciodvfy", out.toString()).lines().filter(l -> l.startsWith("Error")).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void thirtyTwoBitAndFloatSourcesAreRefusedByName() throws Exception {
        DicomImage dose = DicomImage.open(DicomTools.pydicomFiles().resolve("rtdose.dcm"), ImageFiles.DEFAULT_MAX_PIXELS);
        ImageFileException e = assertThrows(ImageFileException.class, () -> new DicomExport(dose, "mae", "x", false));
        assertEquals("rtdose.dcm: DICOM export of 32-bit pixel data is not supported (write PNG or TIFF instead)", e.getMessage());
        assertFalse(Files.list(dir).findAny().isPresent());
    }

    @Test
    void slicesOfASeriesExportAsOneSeriesEachReferringToItsSource() throws Exception {
        DicomSeries series = DicomSeries.open(DicomTools.pydicomFiles().resolve("dicomdirtests/98892001/CT5N"), ImageFiles.DEFAULT_MAX_PIXELS);
        for (boolean anonymise : new boolean[]{false, true}) {
            DicomExport first = new DicomExport(series.slice(0).image(), "bilinear", "restored by bilinear", anonymise);
            for (int i = 0; i < series.size(); i++) {
                DicomImage source = series.slice(i).image();
                DicomExport export = i == 0 ? first : first.forSlice(source);
                assertEquals(first.seriesUid(), export.seriesUid());
                Path out = dir.resolve(anonymise + "-" + i + ".dcm");
                export.write(source.frame(0), 0, out);
                String check = DicomTools.run(DicomTools.PYTHON, "-c", String.join("\n",
                        "import sys, pydicom",
                        "s, e = pydicom.dcmread(sys.argv[1]), pydicom.dcmread(sys.argv[2])",
                        "print(e.SeriesInstanceUID, e.StudyInstanceUID == s.StudyInstanceUID, e.InstanceNumber,",
                        "      e.SourceImageSequence[0].ReferencedSOPInstanceUID == s.SOPInstanceUID if 'SourceImageSequence' in e else None)"),
                        source.path().toString(), out.toString()).strip();
                String study = anonymise ? "False" : "True", reference = anonymise ? "None" : "True";
                assertEquals(first.seriesUid() + " " + study + " " + source.instanceNumber().orElseThrow() + " " + reference,
                        check.lines().reduce((a, b) -> b).orElse(""), "slice " + i + (anonymise ? ", anonymised" : ""));
            }
            if (anonymise) { // one new study for the whole series
                String a = DicomTools.run(DicomTools.PYTHON, "-c", "import sys, pydicom; print(pydicom.dcmread(sys.argv[1]).StudyInstanceUID)",
                        dir.resolve("true-0.dcm").toString()).strip();
                String b = DicomTools.run(DicomTools.PYTHON, "-c", "import sys, pydicom; print(pydicom.dcmread(sys.argv[1]).StudyInstanceUID)",
                        dir.resolve("true-4.dcm").toString()).strip();
                assertEquals(a, b);
            }
        }
    }

    @Test
    void uidsAreUuidDerived() {
        String uid = DicomExport.newUid();
        assertTrue(uid.matches("2\\.25\\.[1-9][0-9]{0,38}") && uid.length() <= 64, uid);
        assertFalse(uid.equals(DicomExport.newUid()));
    }
}
