package dev.shelfsync.inventory.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sizing rule of auto buffers: the units the other channels sell during this channel's sync lag. */
class BufferSizingTest {

    private final BufferSizing sizing = new BufferSizing(200, 2_000);

    @Test
    void theBufferIsWhatTheOtherChannelsSellDuringTheLagRoundedUp() {
        assertEquals(18, sizing.size(0, 12, 1_500L).units());
        assertEquals(3, sizing.size(0, 1, 2_500L).units());
        // a whole number stays that number, floating point notwithstanding
        assertEquals(2, sizing.size(0, 2, 1_000L).units());
        assertEquals(1, sizing.size(0, 0.1, 10L).units());
    }

    @Test
    void theMerchantsFloorHoldsAndTheConfiguredCapBoundsTheMeasuredPart() {
        assertEquals(4, sizing.size(4, 0, 1_500L).units());
        assertEquals(4, sizing.size(4, 2, 1_500L).units());
        assertEquals(200, sizing.size(0, 1_000, 2_000L).units());
        // the floor is the merchant's explicit choice, kept even above the cap
        assertEquals(250, sizing.size(250, 1_000, 2_000L).units());
    }

    @Test
    void anUnmeasuredChannelIsSizedWithTheAssumedLagAndSaysSo() {
        PolicyTerms.Buffer buffer = sizing.size(0, 5, null);
        assertEquals(10, buffer.units());
        assertEquals("auto", buffer.mode());
        assertEquals(2_000, buffer.auto().lagMillis());
        assertFalse(buffer.auto().lagMeasured());
        assertTrue(sizing.size(0, 5, 800L).auto().lagMeasured());
    }

    @Test
    void aChannelsOwnSalesDoNotSizeItsBufferItsStoreAlreadyLoweredItself() {
        SkuBuffers buffers = new SkuBuffers(
                Map.of(), Map.of("shop", 30.0, "amazon", 4.0, "woo", 6.0), Map.of("shop", 1_000L), sizing);
        ChannelPolicy shop = new ChannelPolicy("shop", 1, null, 100, 0, 0, ChannelPolicy.AUTO);
        PolicyTerms.Buffer buffer = buffers.of(shop);
        assertEquals(10, buffer.units());
        assertEquals(10.0, buffer.auto().otherChannelsPerSecond());
        assertEquals(1, buffer.auto().floor());
    }

    @Test
    void anSkusOwnBufferReplacesThePolicysAndAFixedOneNeedsNoMeasurement() {
        ChannelPolicy auto = new ChannelPolicy("shop", 0, null, 100, 0, 0, ChannelPolicy.AUTO);
        SkuBuffers fixedForThisSku = new SkuBuffers(
                Map.of("shop", new SkuBuffers.Override("fixed", 7)), Map.of("amazon", 50.0), Map.of(), sizing);
        assertEquals(PolicyTerms.Buffer.fixed(7), fixedForThisSku.of(auto));
        assertNull(fixedForThisSku.of(auto).auto());

        ChannelPolicy fixed = new ChannelPolicy("shop", 3, null, 100, 0, 0);
        SkuBuffers autoForThisSku = new SkuBuffers(
                Map.of("shop", new SkuBuffers.Override("auto", 2)), Map.of("amazon", 5.0), Map.of(), sizing);
        assertEquals(10, autoForThisSku.of(fixed).units());
        assertEquals(PolicyTerms.Buffer.fixed(3), SkuBuffers.policiesOnly().of(fixed));
    }
}
