package com.maeworkbench.app;

import com.maeworkbench.app.service.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample catalogue: the bundled one reads; a bad one is an error naming the file and the cause, never an empty gallery. */
class AssetsTest {

    private static final String HEADER = "file,title,kind,source,licence,sha256_of_source\n";

    @Test
    void bundledCatalogueListsEverySample() throws IOException {
        List<Assets.Sample> samples = Assets.samples();
        assertEquals(List.of("astronaut.png", "camera.png", "dune.jpg", "brain-proton-density.png", "ct-small.dcm"),
                samples.stream().map(s -> s.file().getFileName().toString()).toList());
        Assets.Sample dune = samples.get(2);
        assertEquals("Dune (800x500)", dune.title());
        assertTrue(dune.source().startsWith("Debian mate-backgrounds"), "quoted field with commas: " + dune.source());
        assertEquals("GPL-2+", dune.licence());
    }

    @Test
    void quotedFieldsAndAMissingFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.png"), "");
        Path csv = Files.writeString(dir.resolve("samples.csv"), HEADER
                + "a.png,\"A, with \"\"quotes\"\"\",natural,\"src, 1\",CC0,00\n"
                + "gone.png,Gone,natural,src,CC0,00\n");
        try (LogCapture log = new LogCapture(Assets.class)) {
            List<Assets.Sample> samples = Assets.samples(csv);
            assertEquals(1, samples.size());
            assertEquals("A, with \"quotes\"", samples.get(0).title());
            assertEquals("src, 1", samples.get(0).source());
            assertTrue(log.text().contains("WARNING " + csv + " lists gone.png, which is missing"), log.text());
        }
    }

    @Test
    void badCataloguesFailWithTheFileAndTheCause(@TempDir Path dir) throws IOException {
        assertBad(dir, "no-catalogue.csv", null, "file not found");
        assertBad(dir, "columns.csv", "file,title,kind,source\na.png,A,natural,src\n", "the header line has no column licence");
        assertBad(dir, "short.csv", HEADER + "a.png,A,natural,src,CC0,00\nb.png,B,natural\n", "line 3 has 3 fields, the header 6");
        assertBad(dir, "quote.csv", HEADER + "a.png,\"A,natural,src,CC0,00\n", "EOF reached before encapsulated token finished");
        assertBad(dir, "empty.csv", "", "the header line has no column file, title, kind, source, licence");
    }

    private static void assertBad(Path dir, String name, String content, String cause) throws IOException {
        Path csv = dir.resolve(name);
        if (content != null) Files.writeString(csv, content);
        IOException e = assertThrows(IOException.class, () -> Assets.samples(csv));
        assertTrue(e.getMessage().startsWith(csv + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(cause), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
