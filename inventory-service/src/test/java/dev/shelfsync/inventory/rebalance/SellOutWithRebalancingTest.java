package dev.shelfsync.inventory.rebalance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * {@link SellOutTest}'s sale with rebalancing on: each time Amazon sells out its fence, units move to it from the
 * fence holding most above the threshold, lowered there first and raised at Amazon only after that store
 * acknowledged. More is sold than the 18 without, and no store sells a unit inventory then refuses.
 */
@QuarkusTest
@TestProfile(RebalancingOn.class)
class SellOutWithRebalancingTest {

    @Test
    void aChannelThatSoldOutGetsUnitsFromTheOthersAndNothingIsOversold() throws Exception {
        OneSkuSale.Result sale = OneSkuSale.run(SellOutTest.UNITS, SellOutTest.FENCES, SellOutTest.BUYERS);

        assertAll(
                () -> assertTrue(sale.total() > 18, "sold in all: " + sale.sold()),
                // Each giver had 6 left and keeps the threshold of 2: 4 moved from each.
                () -> assertEquals(26, sale.total(), "sold in all: " + sale.sold()),
                () -> assertTrue(sale.sold().get("amazon") > 10, "Amazon sold beyond its fence: " + sale.sold()),
                () -> assertEquals(4, sale.sold().get("shop"), "the shop's own buyers all served"),
                () -> assertEquals(4, sale.sold().get("etsy"), "Etsy's own buyers all served"),
                () -> assertEquals(0, sale.oversold(), "sales the stores made that inventory refused"));
    }
}
