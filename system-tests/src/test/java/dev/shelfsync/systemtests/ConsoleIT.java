package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff console in headless Chromium against the five services: warehouse staff receive a return by typing
 * scans, a repeated scan changes nothing and says so, a refusal is shown in words with the typed code kept, the
 * inspection and one restock follow; operations then see the unit on the stock page and the simulated store shows
 * it; staff of another location cannot find the return.
 */
class ConsoleIT {

    private static final String CHANNEL = "console-woo";
    private static final String LISTING = "7001";

    @Test
    void aReturnScannedInspectedAndRestockedAtTheBenchReachesStockAndTheStore() {
        String console = SystemUnderTest.console();
        String sku = "LAMP-" + System.nanoTime();
        try (MarketplaceSimulator woo = MarketplaceSimulator.start(SimulatorConfig.of(
                        ChannelConfig.of(CHANNEL, "woocommerce", "woo-secret", SystemUnderTest.url("gateway"), 20)));
                ConsoleBrowser browser = new ConsoleBrowser(console)) {
            String rma = openReturn(woo, sku);

            browser.signIn("ana", "warehouse-staff", "lisbon");
            browser.screenshot("returns-empty");
            browser.scan(By.id("find"), rma);
            browser.find(By.cssSelector("article.rma[data-rma='" + rma + "']"));

            browser.scan(By.id("scan"), sku);
            browser.until(d -> received(browser).equals("1"));
            String firstScanId = browser.find(By.name("scanId")).getAttribute("value");
            browser.scan(By.id("scan"), sku);
            browser.until(d -> received(browser).equals("2"));

            // The first scan sent again with its id, as after a time-out or a double Enter.
            browser.script("document.querySelector('[name=scanId]').value = arguments[0]", firstScanId);
            browser.scan(By.id("scan"), sku);
            assertTrue(
                    browser.until(d -> browser.text(By.cssSelector("#rma .ok")).contains("already recorded"))
                            .booleanValue());
            assertEquals("2", received(browser));

            browser.scan(By.id("scan"), "NOT-ON-THIS-RETURN");
            WebElement refusal = browser.find(By.cssSelector("#rma .error"));
            assertTrue(!refusal.getText().isBlank());
            assertEquals("NOT-ON-THIS-RETURN", browser.find(By.id("scan")).getAttribute("value"));
            assertEquals("2", received(browser));

            // Accept with the checklist unanswered: refused in words; then every question answered.
            browser.pressInPanel(By.cssSelector("form.inspect button[value=accept]"));
            assertTrue(!browser.text(By.cssSelector("#rma .error")).isBlank());
            for (WebElement yes : browser.driver().findElements(By.cssSelector("form.inspect input[value=yes]"))) {
                yes.click();
            }
            browser.screenshot("returns-inspection");
            browser.pressInPanel(By.cssSelector("form.inspect button[value=accept]"));
            assertEquals("accept", browser.text(By.cssSelector("td.inspection")));

            browser.pressInPanel(By.cssSelector("form.dispose button[value=restock]"));
            assertEquals("1", browser.text(By.cssSelector("td.restocked")));
            assertEquals("1", browser.text(By.cssSelector("td.waiting")));
            browser.screenshot("returns-station");
            browser.phoneScreenshot("returns-station-phone");

            // 2 on hand before, 2 received onto quality hold, 1 of them restocked: 3 sellable.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(3, woo.listedQuantity(CHANNEL, LISTING)));
            browser.signOut();
            browser.signIn("olga", "merchant-ops", "");
            browser.until(d -> {
                browser.open("/stock?sku=" + sku);
                return browser.text(By.cssSelector("#levels tr[data-location=lisbon] .sellable"))
                                .equals("3")
                        && browser.text(By.cssSelector("#listings tr[data-channel=" + CHANNEL + "] .pushed"))
                                .equals("3");
            });
            assertTrue(browser.text(By.id("ledger")).contains("return-restock"));
            browser.screenshot("stock");
            browser.open("/channels");
            browser.find(By.cssSelector("[data-channel=" + CHANNEL + "]"));
            browser.screenshot("channels");
            browser.open("/alerts");
            browser.find(By.tagName("h1"));
            browser.screenshot("alerts");
            browser.open("/reports");
            browser.find(By.tagName("h1"));
            browser.screenshot("flash-sale-report");
            browser.signOut();
            browser.screenshot("sign-in");

            browser.signIn("bo", "warehouse-staff", "porto");
            browser.scan(By.id("find"), rma);
            assertTrue(browser.text(By.cssSelector("#rma .error")).contains("No return " + rma));
            assertTrue(
                    browser.driver().findElements(By.cssSelector("article.rma")).isEmpty());
        }
    }

    private static String received(ConsoleBrowser browser) {
        return browser.text(By.cssSelector("td.received"));
    }

    /** Lisbon holds 2 units listed on a simulated WooCommerce store; a customer returns 2 of them. */
    private static String openReturn(MarketplaceSimulator woo, String sku) {
        GatewayCalls.channel(woo, CHANNEL, "woocommerce", "woo-secret");
        InventoryCalls.warehouse("lisbon", "Lisbon store");
        InventoryCalls.sku(sku, "Lamp");
        InventoryCalls.receive(sku, "lisbon", 2);
        GatewayCalls.listing(CHANNEL, LISTING, sku);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(2, woo.listedQuantity(CHANNEL, LISTING)));
        return given().baseUri(SystemUnderTest.url("returns"))
                .auth()
                .oauth2(SystemUnderTest.token("ana", List.of("warehouse-staff"), List.of("lisbon")))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channelId",
                        CHANNEL,
                        "externalOrderId",
                        "W-" + sku,
                        "locationId",
                        "lisbon",
                        "lines",
                        List.of(Map.of("sku", sku, "quantity", 2, "reasonCode", "no-longer-needed"))))
                .post("/returns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
