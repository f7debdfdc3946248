package com.maeworkbench.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.FloatTiff;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mask.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UncertaintyCliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = RestoreCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesTheMapAndItsScores() throws IOException {
        Path image = dir.resolve("pic.png"), out = dir.resolve("out");
        ImageFiles.write(SelfTestCommand.syntheticImage(96, 80), image);
        Run r = cli("restore", image.toString(), "--mask", "patches:ratio=0.5,size=16,seed=1", "--methods", "mae,bilinear",
                "--uncertainty", "--model", MaeModel.defaultModelPath().toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        float[] sigma = FloatTiff.read(out.resolve("pic-mae-uncertainty.tif"));
        assertEquals(96 * 80, sigma.length);
        Mask mask = MaskFiles.read(out.resolve("pic-mask.png"), 96, 80);
        int positive = 0;
        for (int i = 0; i < sigma.length; i++) {
            if (!mask.missing()[i]) assertEquals(0, sigma[i], "known pixel " + i);
            else if (sigma[i] > 0 && sigma[i] < 1) positive++;
        }
        assertEquals(mask.count(), positive, "every masked pixel has a predicted std in (0,1)");
        JsonObject u = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject().getAsJsonObject("uncertainty");
        assertEquals("pic-mae-uncertainty.tif", u.get("file").getAsString());
        assertTrue(u.get("calibrated").getAsBoolean(), u.toString());
        assertEquals(3, u.get("passes").getAsInt(), "the plain result is reused");
        assertTrue(u.get("cells").getAsInt() > 5, u.toString());
        double rho = u.get("spearman").getAsDouble(), top = u.get("top10").getAsDouble();
        assertTrue(rho >= -1 && rho <= 1 && top > 0, u.toString());
        assertTrue(u.has("spearman_trivial") && u.has("top10_trivial") && u.has("mean_sigma"), u.toString());
    }

    @Test
    void refusesWithoutTheMaeAndWritesNothing() {
        Path image = dir.resolve("pic.png"), out = dir.resolve("none");
        try {
            ImageFiles.write(FloatImage.of(32, 32, 8, new float[32 * 32]), image);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Run r = cli("restore", image.toString(), "--mask", "rect:x=4,y=4,w=8,h=8", "--methods", "bilinear", "--uncertainty", "--out", out.toString());
        assertEquals(RestoreCli.FAILED, r.exit());
        assertTrue(r.err().contains("--uncertainty needs the MAE (not in --methods, or unavailable)"), r.err());
        assertFalse(Files.exists(out));
    }
}
