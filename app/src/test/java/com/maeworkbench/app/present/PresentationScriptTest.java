package com.maeworkbench.app.present;

import com.maeworkbench.app.Assets;
import com.maeworkbench.app.TestAssets;
import com.maeworkbench.mask.MaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steps file: the bundled one is whole and usable, a user's is read with its paths, a bad one says where and why in one line. */
class PresentationScriptTest {

    @TempDir
    Path dir;

    @Test
    void bundledStepsFollowTheDemo() throws IOException {
        {
            PresentationScript script = PresentationScript.bundled(Assets.samples());
            assertEquals("presentation.json (bundled)", script.source());
            List<PresentationScript.Step> steps = script.steps();
            assertTrue(steps.size() >= 8, "photo, CT at 50% and 75%, strokes, line dropout, original, difference: " + steps.size());
            assertEquals("astronaut.png", steps.get(0).image().getFileName().toString(), "a photo first");
            assertTrue(steps.stream().anyMatch(s -> s.image().getFileName().toString().equals("ct-small.dcm")), "then the CT sample");
            for (String kind : List.of("patches:ratio=0.5", "patches:ratio=0.75", "strokes:", "lines:")) {
                assertTrue(steps.stream().anyMatch(s -> s.mask().startsWith(kind)), kind);
            }
            assertTrue(steps.stream().anyMatch(s -> s.show() == PresentationScript.Show.ORIGINAL), "the original");
            assertEquals(PresentationScript.Show.DIFFERENCE, steps.get(steps.size() - 1).show(), "the difference heatmap last");
            for (PresentationScript.Step s : steps) {
                assertTrue(Files.isRegularFile(s.image()), s.image() + " exists");
                MaskSpec.parse(s.mask()).generate(128, 128); // every recipe makes a mask
                assertFalse(s.caption().isBlank(), "every step says what it shows");
            }
        }
    }

    @Test
    void userFileWithPathsAndSamples() throws IOException {
        Path image = Files.copy(TestAssets.sample("camera.png"), dir.resolve("mine.png"));
        Path file = write("""
                // comments help a hand-edited file
                {"steps": [
                  {"image": "mine.png", "mask": "rect:x=10,y=10,w=40,h=30"},
                  {"caption": "CT", "image": "CT-SMALL", "mask": "strokes:count=3,seed=2", "show": "Difference"},
                  {"image": "%s", "mask": "patches:ratio=0.75,size=16,seed=1", "show": "original"}
                ]}
                """.formatted(image.toAbsolutePath().toString().replace("\\", "\\\\")));
        PresentationScript script = PresentationScript.read(file, Assets.samples());
        assertEquals(3, script.steps().size());
        assertEquals(image.toAbsolutePath(), script.steps().get(0).image().toAbsolutePath(), "relative to the steps file");
        assertEquals("", script.steps().get(0).caption());
        assertEquals(PresentationScript.Show.RESTORED, script.steps().get(0).show(), "restored by default");
        assertEquals(TestAssets.sample("ct-small.dcm").toAbsolutePath().normalize(), script.steps().get(1).image().toAbsolutePath().normalize(),
                "a sample by its stem, any case");
        assertEquals(PresentationScript.Show.DIFFERENCE, script.steps().get(1).show());
        assertEquals(PresentationScript.Show.ORIGINAL, script.steps().get(2).show());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing comma       | {"steps": [{"image": "camera" "mask": "patches"}]}          | bad JSON: Unterminated object at line 1 column 32
            unterminated        | {"steps": [{"image": "camera", "mask": "patches"}         | line 1
            not an object       | [1, 2]                                                     | expected an object
            empty file          | ' '                                                        | expected an object {"steps": [...]}, found nothing
            no steps            | {"steps": []}                                              | steps: expected a non-empty array
            unknown top field   | {"step": []}                                               | unknown field 'step' (allowed: steps)
            step not an object  | {"steps": ["camera"]}                                      | steps[0]: expected an object, found text
            unknown step field  | {"steps": [{"image": "camera", "mask": "patches", "mode": "x"}]} | steps[0]: unknown field 'mode'
            missing mask        | {"steps": [{"image": "camera"}]}                           | steps[0]: missing field 'mask'
            number as image     | {"steps": [{"image": 3, "mask": "patches"}]}               | steps[0].image: expected text, found a number 3
            bad mask kind       | {"steps": [{"image": "camera", "mask": "blobs:n=3"}]}      | steps[0].mask: mask spec 'blobs:n=3': unknown kind 'blobs'
            bad mask parameter  | {"steps": [{"image": "camera", "mask": "patches:ratio=x"}]} | steps[0].mask: mask spec 'patches:ratio=x': 'x' is not a number
            bad show            | {"steps": [{"image": "camera", "mask": "patches", "show": "both"}]} | steps[0].show: 'both' is not one of restored, difference, original
            first bad step told | {"steps": [{"image": "camera"}, {"image": "nope.png", "mask": "patches"}]} | steps[0]: missing field 'mask'
            no such image       | {"steps": [{"image": "nope.png", "mask": "patches"}]}      | steps[0].image: 'nope.png' is neither a bundled sample (astronaut, camera, dune, brain-proton-density, ct-small) nor an existing file
            """)
    void badFileSaysWhereAndWhyInOneLine(String name, String json, String expected) throws IOException {
        Path file = write(json);
        IOException e = assertThrows(IOException.class, () -> PresentationScript.read(file, Assets.samples()));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), "names the file: " + m);
        assertTrue(m.contains(expected), "says " + expected + ": " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("Exception"), "no class names: " + m);
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("absent.json");
        IOException e = assertThrows(IOException.class, () -> PresentationScript.read(file, Assets.samples()));
        assertEquals(file + ": file not found", e.getMessage());
    }

    @Test
    void userFileWinsOverTheBundledOne() throws IOException {
        Path file = write("{\"steps\": [{\"image\": \"dune\", \"mask\": \"strokes:count=2,seed=1\"}]}");
        String saved = System.setProperty("mae.presentation", file.toString());
        try {
            assertEquals(file, PresentationScript.userFile());
            PresentationScript script = PresentationScript.load(Assets.samples());
            assertEquals(file.toString(), script.source());
            assertEquals("dune.jpg", script.steps().get(0).image().getFileName().toString());
        } finally {
            if (saved == null) System.clearProperty("mae.presentation");
            else System.setProperty("mae.presentation", saved);
        }
    }

    private Path write(String json) throws IOException {
        Path f = dir.resolve("steps.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }
}
