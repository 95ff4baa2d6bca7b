package dev.shelfsync.inventory.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without rebalancing, a channel that sells out its fence stops while the others' fences stay unsold: 30 units in
 * three fences of 10, Amazon's 20 buyers get 10, the shop's and Etsy's 4 each, 18 in all. The same sale with
 * rebalancing on is {@link SellOutWithRebalancingTest}.
 */
@QuarkusTest
class SellOutTest {

    static final int UNITS = 30;
    static final Map<String, Integer> FENCES = Map.of("amazon", 10, "shop", 10, "etsy", 10);
    static final Map<String, Integer> BUYERS = Map.of("amazon", 20, "shop", 4, "etsy", 4);

    @Test
    void withoutRebalancingAChannelSellsOnlyItsFence() throws Exception {
        OneSkuSale.Result sale = OneSkuSale.run(UNITS, FENCES, BUYERS);

        assertEquals(Map.of("amazon", 10, "shop", 4, "etsy", 4), sale.sold());
        assertEquals(0, sale.oversold());
    }
}
