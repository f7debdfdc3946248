package com.maeworkbench.metric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RankingTest {

    private static final MaskCoverage HALF = new MaskCoverage(50, 100);

    private static Metrics psnr(double db) {
        return new Metrics(db, db + 6, db + 3, 0.5, 1, 0.5, HALF);
    }

    @Test
    void ranksByMaskedPsnrWithGapsToTheBestClassicalMethod() {
        Ranking r = Ranking.of(List.of(
                new Ranking.Scored("mae", psnr(27.5), 7),
                new Ranking.Scored("bilinear", psnr(24.0), 7),
                new Ranking.Scored("telea", psnr(25.0), 7),
                new Ranking.Scored("median", psnr(24.0), 7)));
        assertTrue(r.valid(), r.reason());
        assertNull(r.reason());
        assertEquals(7, r.maskVersion());
        assertEquals(1, r.entry("mae").rank());
        assertEquals(2, r.entry("telea").rank());
        assertEquals(3, r.entry("bilinear").rank(), "equal scores share a rank");
        assertEquals(3, r.entry("median").rank());
        assertEquals(2.5, r.entry("mae").gapToBestClassical(), 1e-12);
        assertEquals(0, r.entry("telea").gapToBestClassical());
        assertEquals(-1.0, r.entry("median").gapToBestClassical(), 1e-12);
        assertFalse(r.entry("mae").classical());
        assertTrue(r.entry("telea").classical());
        assertEquals("mae", r.winner());
        assertEquals("telea", r.bestClassical());
        assertEquals(List.of("mae", "telea", "bilinear", "median"), r.byRank().stream().map(Ranking.Entry::methodId).toList());
        assertTrue(r.validFor(7));
        assertFalse(r.validFor(8), "a newer mask edit makes the ranking stale");
    }

    @Test
    void resultsForDifferentMasksOrStillUnmeasuredGiveNoWinner() {
        Ranking stale = Ranking.of(List.of(new Ranking.Scored("mae", psnr(30), 3), new Ranking.Scored("ns", psnr(20), 4)));
        assertFalse(stale.valid());
        assertTrue(stale.reason().contains("different masks"), stale.reason());
        assertNull(stale.winner());
        assertEquals(1, stale.entry("mae").rank(), "ranks are still given for tables");

        Ranking pending = Ranking.of(List.of(new Ranking.Scored("mae", null, 3), new Ranking.Scored("ns", psnr(20), 3)));
        assertFalse(pending.valid());
        assertTrue(pending.reason().contains("mae is not measured"), pending.reason());
        assertEquals(Ranking.UNRANKED, pending.entry("mae").rank());
        assertTrue(Double.isNaN(pending.entry("mae").gapToBestClassical()));
        assertEquals(1, pending.entry("ns").rank());
    }

    @Test
    void aFlaggedMaskGivesNoWinner() {
        MaskCoverage all = new MaskCoverage(100, 100);
        Metrics flat = new Metrics(12, 40, 12, 0.99, 1, 0.5, all);
        Ranking r = Ranking.of(List.of(new Ranking.Scored("mae", flat, 1), new Ranking.Scored("bilinear", flat, 1)));
        assertFalse(r.valid());
        assertEquals(all.warning(), r.reason());
        assertNull(r.winner());
    }

    @Test
    void withoutClassicalScoresTheGapIsUndefined() {
        Ranking r = Ranking.of(List.of(new Ranking.Scored("mae", psnr(22), 0)));
        assertTrue(r.valid());
        assertTrue(Double.isNaN(r.entry("mae").gapToBestClassical()));
        assertNull(r.bestClassical());
        assertFalse(Ranking.of(List.of()).valid());
    }
}
