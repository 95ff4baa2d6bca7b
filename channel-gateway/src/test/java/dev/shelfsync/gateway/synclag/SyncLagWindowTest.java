package dev.shelfsync.gateway.synclag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sliding window of one channel's sync lags: nearest-rank p99 of what it did lately, bounded in memory. */
class SyncLagWindowTest {

    @Test
    void theP99IsTheNearestRankOfTheSamplesInTheWindow() {
        SyncLagWindow window = new SyncLagWindow(60_000);
        for (int i = 1; i <= 200; i++) {
            window.record(i * 10, 1_000);
        }
        SyncLagWindow.Percentile lag = window.percentile(1_000);
        assertEquals(1_980, lag.p99Millis());
        assertEquals(200, lag.samples());

        SyncLagWindow one = new SyncLagWindow(60_000);
        one.record(700, 0);
        assertEquals(700, one.percentile(0).p99Millis());
    }

    @Test
    void samplesOlderThanTheWindowNoLongerCountAndAnEmptyWindowHasNoP99() {
        SyncLagWindow window = new SyncLagWindow(10_000);
        window.record(5_000, 0);
        window.record(100, 8_000);
        assertEquals(5_000, window.percentile(9_000).p99Millis());
        assertEquals(100, window.percentile(12_000).p99Millis());
        assertEquals(1, window.percentile(12_000).samples());
        assertNull(window.percentile(30_000));
    }

    @Test
    void aFlashSaleKeepsOnlyTheNewestSamplesAndNewsIsTakenOnce() {
        SyncLagWindow window = new SyncLagWindow(60_000);
        assertFalse(window.takeNews());
        for (int i = 0; i < SyncLagWindow.MAX_SAMPLES + 500; i++) {
            window.record(i < 500 ? 9_999 : 50, 1_000);
        }
        assertEquals(SyncLagWindow.MAX_SAMPLES, window.percentile(1_000).samples());
        assertEquals(50, window.percentile(1_000).p99Millis());
        assertTrue(window.takeNews());
        assertFalse(window.takeNews());
    }
}
