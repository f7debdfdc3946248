package com.maeworkbench.metric;

import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MaskCoverageTest {

    @Test
    void flagsMasksThatHideNothingOrLeaveUnderOnePercentKnown() {
        assertTrue(new MaskCoverage(0, 10_000).flagged(), "nothing masked");
        assertTrue(new MaskCoverage(10_000, 10_000).flagged(), "everything masked");
        assertTrue(new MaskCoverage(9_901, 10_000).flagged(), "99 known pixels: 0.99%");
        assertFalse(new MaskCoverage(9_900, 10_000).flagged(), "exactly 1% known is enough");
        assertFalse(new MaskCoverage(1, 10_000).flagged());
        assertNull(new MaskCoverage(5_000, 10_000).warning());
    }

    @Test
    void warningSaysHowMuchIsKnown() {
        Mask all = MaskShapes.rect(64, 64, 0, 0, 64, 64);
        MaskCoverage c = MaskCoverage.of(all);
        assertEquals(4096, c.masked());
        assertEquals(0, c.known());
        assertEquals(1.0, c.maskedFraction());
        assertTrue(c.warning().contains("100.0%") && c.warning().contains("0 of 4096 pixels known"), c.warning());
        assertTrue(MaskCoverage.of(Mask.empty(8, 8)).warning().contains("hides no pixel"));
        assertFalse(c.warning().contains("\n"), "one line");
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new MaskCoverage(11, 10));
        assertThrows(IllegalArgumentException.class, () -> new MaskCoverage(0, 0));
    }
}
