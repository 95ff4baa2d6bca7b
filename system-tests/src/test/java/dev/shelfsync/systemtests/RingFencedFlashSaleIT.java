package dev.shelfsync.systemtests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.scenarios.FlashSale;
import dev.shelfsync.scenarios.SaleAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With ring-fences, each channel can sell only its own fence, so no unit is oversold, whatever the rate and whether
 * or not the marketplace's API can compare-and-set: a channel's own sales never cause a push that could put them
 * back on its shelf. The README's flash sale, short, on every channel type, at the default rate and at ten times it.
 */
class RingFencedFlashSaleIT {

    private static final int UNITS = 60;
    private static final List<String> CHANNELS = List.of("shopify", "amazon", "woocommerce", "etsy");

    @ParameterizedTest(name = "{0} buyers per second per channel")
    @ValueSource(ints = {40, 400})
    void everyChannelSellsItsFenceAndNotOneUnitMore(int buyersPerSecond) {
        Path reports = Path.of(System.getProperty("shelfsync.root", ".."), "system-tests", "target", "flash-sales")
                .toAbsolutePath();
        FlashSale.Options options = FlashSale.Options.parse(
                new String[] {
                    "--policy=ring-fenced",
                    "--channels=" + String.join(",", CHANNELS),
                    "--units=" + UNITS,
                    "--buyers-per-second=" + buyersPerSecond,
                    // 40 buyers per channel at the default rate, more than its fence of 15
                    "--duration=1",
                    "--no-baseline",
                    "--reports=" + reports
                },
                Path.of("."));

        SaleAnalysis.Result sale =
                new FlashSale(SystemUnderTest.get(), options).run().results().get(0);

        int fence = UNITS / CHANNELS.size();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(0, sale.oversoldUnits(), "oversold units in total"));
        checks.add(() -> assertEquals(UNITS, sale.unitsReserved(), "every unit sold and reserved"));
        checks.add(() -> assertEquals(0, sale.errors(), "webhooks refused"));
        checks.add(() -> assertEquals(0, sale.unresolvedOrders(), "orders left unresolved"));
        for (SaleAnalysis.ChannelStats channel : sale.channels()) {
            checks.add(() -> assertEquals(0, channel.oversold(), channel.channelId() + " oversold"));
            checks.add(() ->
                    assertEquals(fence, channel.soldByMarketplace(), channel.channelId() + " sold exactly its fence"));
            checks.add(() -> assertEquals(fence, channel.reserved(), channel.channelId() + " reserved its fence"));
        }
        assertAll(checks);
    }
}
