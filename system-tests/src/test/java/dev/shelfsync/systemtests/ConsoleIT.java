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
 * inspection and one restock follow, and the other unit goes to refurbishment and is released to stock; operations
 * then see both units on the stock page and the simulated store shows them; staff of another location cannot find the return. Operations move stock with the transfer form, read why a
 * channel shows its number (the terms add up to what the store shows), acknowledge an alert beside a reorder
 * suggestion's inputs, and import listings from CSV after its bad lines were refused, then see the channel's health
 * show the acknowledged push with nothing waiting.
 */
class ConsoleIT {

    private static final String CHANNEL = "console-woo";
    private static final String LISTING = "7001";
    private static final String PACKS = "console-packs";
    private static final String PACK_LISTING = "7002";
    private static final String CSV_CHANNEL = "console-csv";

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

            // The other unit goes to refurbishment (a work note is required), then is released to stock.
            browser.find(By.cssSelector("form.dispose input[name=note]")).sendKeys("new power cord");
            browser.pressInPanel(By.cssSelector("form.dispose button[value=refurbish]"));
            assertEquals("1", browser.text(By.cssSelector("td.refurbishing")));
            assertEquals("0", browser.text(By.cssSelector("td.waiting")));
            browser.pressInPanel(By.cssSelector("form.release button[value=restock]"));
            assertEquals("2", browser.text(By.cssSelector("td.restocked")));
            assertEquals("0", browser.text(By.cssSelector("td.refurbishing")));
            assertTrue(browser.text(By.cssSelector("#rma .ok")).startsWith("Released from refurbishment"));

            // 2 on hand before, 2 received onto quality hold, both restocked in the end: 4 sellable.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(4, woo.listedQuantity(CHANNEL, LISTING)));
            browser.signOut();
            browser.signIn("olga", "merchant-ops", "");
            browser.until(d -> {
                browser.open("/stock?sku=" + sku);
                return browser.text(By.cssSelector("#levels tr[data-location=lisbon] .sellable"))
                                .equals("4")
                        && browser.text(By.cssSelector("#listings tr[data-channel=" + CHANNEL + "] .pushed"))
                                .equals("4");
            });
            assertTrue(browser.text(By.id("ledger")).contains("return-restock"));
            browser.screenshot("stock");
            browser.open("/channels");
            browser.find(By.cssSelector("[data-channel=" + CHANNEL + "]"));
            browser.screenshot("channels");
            browser.open("/reports");
            browser.find(By.tagName("h1"));
            browser.screenshot("flash-sale-report");
            browser.signOut();
            browser.screenshot("sign-in");

            browser.signIn("bo", "warehouse-staff", "porto");
            assertTrue(browser.findsNoReturn(rma));
        }
    }

    /**
     * Lisbon and Porto hold the SKU (one Lisbon unit damaged); the channel gets 80 % of it less a buffer of 1, capped
     * at 50, and sells it in 2-packs. Three units move from Lisbon to Porto through the transfer form (an impossible
     * transfer refused first, with the form kept). The explanation's terms, added up as the page reads, give the
     * quantity the simulated store shows.
     */
    @Test
    void theExplanationOfAChannelsNumberAddsUpToWhatTheStoreShows() {
        String sku = "KETTLE-" + System.nanoTime();
        try (MarketplaceSimulator woo = MarketplaceSimulator.start(SimulatorConfig.of(
                        ChannelConfig.of(PACKS, "woocommerce", "woo-secret", SystemUnderTest.url("gateway"), 20)));
                ConsoleBrowser browser = new ConsoleBrowser(SystemUnderTest.console())) {
            GatewayCalls.channel(woo, PACKS, "woocommerce", "woo-secret");
            InventoryCalls.policy(PACKS, Map.of("sharePercent", 80, "safetyStock", 1, "maxShown", 50));
            InventoryCalls.warehouse("lisbon", "Lisbon store");
            InventoryCalls.warehouse("porto", "Porto store");
            InventoryCalls.sku(sku, "Kettle");
            InventoryCalls.receive(sku, "lisbon", 9);
            InventoryCalls.receive(sku, "porto", 2);
            GatewayCalls.listing(PACKS, PACK_LISTING, sku, 2);

            browser.signIn("olga", "merchant-ops", "");
            browser.open("/stock?sku=" + sku);
            // A unit found damaged, booked on the screen with a reason chosen from the ones inventory accepts.
            String adjust = "form[action='/stock/adjustments'] ";
            browser.type(By.cssSelector(adjust + "[name=locationId]"), "lisbon");
            new org.openqa.selenium.support.ui.Select(browser.find(By.cssSelector(adjust + "[name=state]")))
                    .selectByVisibleText("damaged");
            browser.type(By.cssSelector(adjust + "[name=delta]"), "1");
            new org.openqa.selenium.support.ui.Select(browser.find(By.cssSelector(adjust + "[name=reason]")))
                    .selectByVisibleText("damage");
            browser.submit(By.cssSelector("form[action='/stock/adjustments']"));
            assertTrue(browser.text(By.cssSelector("p.ok#outcome")).length() > 0);
            assertEquals("1", browser.text(By.cssSelector("#levels tr[data-location=lisbon] .damaged")));
            browser.type(By.cssSelector("#transfer [name=fromLocationId]"), "lisbon");
            browser.type(By.cssSelector("#transfer [name=toLocationId]"), "porto");
            browser.type(By.cssSelector("#transfer [name=quantity]"), "99");
            browser.submit(By.id("transfer"));
            assertTrue(!browser.text(By.cssSelector("p.error#outcome")).isBlank());
            assertEquals(
                    "lisbon",
                    browser.find(By.cssSelector("#transfer [name=fromLocationId]"))
                            .getAttribute("value"));
            assertEquals(
                    "99",
                    browser.find(By.cssSelector("#transfer [name=quantity]")).getAttribute("value"));
            assertEquals("8", browser.text(By.cssSelector("#levels tr[data-location=lisbon] .sellable")));

            browser.type(By.cssSelector("#transfer [name=quantity]"), "3");
            String transferId =
                    browser.find(By.cssSelector("#transfer [name=transferId]")).getAttribute("value");
            browser.submit(By.id("transfer"));
            assertTrue(browser.text(By.cssSelector("p.ok#outcome")).contains(transferId));
            assertEquals("5", browser.text(By.cssSelector("#levels tr[data-location=lisbon] .sellable")));
            browser.type(By.name("receiveTransferId"), transferId);
            browser.submit(By.id("receive-transfer"));
            assertTrue(browser.text(By.cssSelector("p.ok#outcome")).contains("received at porto"));
            assertEquals("5", browser.text(By.cssSelector("#levels tr[data-location=porto] .sellable")));

            // 5 + 5 sellable, 80 % = 8, less the buffer 7, in 2-packs 3: the number the store settles on.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(3, woo.listedQuantity(PACKS, PACK_LISTING)));
            String explainedCss = "article.explained[data-channel=" + PACKS + "]";
            By explained = By.cssSelector(explainedCss);
            browser.until(d -> {
                browser.open("/stock?sku=" + sku);
                return browser.text(listingCell(explainedCss, "pushed")).equals("3");
            });
            // the explanation is below the levels and the listings: the picture shows it, not the top of the page
            browser.script("arguments[0].scrollIntoView({block: 'start'})", browser.find(explained));
            browser.screenshot("stock-explained");

            int sellable = 0;
            for (WebElement row :
                    browser.find(explained).findElements(By.cssSelector(".terms-locations tr[data-location]"))) {
                List<Integer> cells = row.findElements(By.tagName("td")).stream()
                        .skip(1)
                        .map(cell -> Integer.parseInt(cell.getText()))
                        .toList();
                assertEquals(cells.get(0) - cells.get(1) - cells.get(2) - cells.get(3), cells.get(4));
                sellable += cells.get(4);
            }
            assertEquals(sellable, term(browser, explained, "sellable"));
            int unfenced = Math.max(0, sellable - term(browser, explained, "fencedForOthers"));
            int shared = unfenced * term(browser, explained, "sharePercent") / 100;
            int buffered = Math.max(0, shared - term(browser, explained, "buffer"));
            int shown = Math.min(buffered, term(browser, explained, "maxShown"));
            int available = shown + term(browser, explained, "backorderLimit");
            assertEquals(available, term(browser, explained, "available"));
            assertEquals(available, term(browser, explained, "gatewayAvailable"));
            int pack = Integer.parseInt(browser.text(listingCell(explainedCss, "pack")));
            int pushes = Math.max(0, available - term(browser, explained, "subtracted")) / pack;

            assertEquals(woo.listedQuantity(PACKS, PACK_LISTING), pushes);
            assertEquals(pushes, Integer.parseInt(browser.text(listingCell(explainedCss, "quantity"))));
            assertTrue(!browser.text(listingCell(explainedCss, "acknowledged")).isBlank());
            // The terms the scene set are the ones shown, so the sum above is not a sum of zeros.
            assertEquals(
                    List.of(80, 1, 50, 2),
                    List.of(
                            term(browser, explained, "sharePercent"),
                            term(browser, explained, "buffer"),
                            term(browser, explained, "maxShown"),
                            pack));
        }
    }

    /**
     * A low-stock rule and a reorder-point rule for an SKU of which 2 units arrive: the alerts screen shows the
     * reorder suggestion with its inputs, and the low-stock alert acknowledged there leaves the open list and is
     * acknowledged by the signed-in person in alerting.
     */
    @Test
    void anAlertAcknowledgedOnTheScreenLeavesTheOpenListBesideAReorderSuggestionWithItsInputs() {
        String sku = "MUG-" + System.nanoTime();
        String alerting = SystemUnderTest.url("alerting");
        try (ConsoleBrowser browser = new ConsoleBrowser(SystemUnderTest.console())) {
            InventoryCalls.warehouse("lisbon", "Lisbon store");
            InventoryCalls.sku(sku, "Mug");
            rule(Map.of("kind", "low-stock", "sku", sku, "threshold", 5, "rearmMargin", 1, "severity", "warning"));
            rule(Map.of(
                    "kind",
                    "reorder-point",
                    "sku",
                    sku,
                    "leadTimeDays",
                    7,
                    "safetyStock",
                    5,
                    "windowDays",
                    7,
                    "coverDays",
                    14));
            InventoryCalls.receive(sku, "lisbon", 2);
            String alertId = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> given().baseUri(alerting)
                                    .queryParam("type", "low-stock")
                                    .queryParam("subject", "sku:" + sku)
                                    .queryParam("state", "open")
                                    .get("/alerts")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .<String>path("id[0]"),
                            java.util.Objects::nonNull);

            browser.signIn("olga", "merchant-ops", "");
            browser.until(d -> {
                browser.open("/alerts");
                return !d.findElements(By.cssSelector("#reorders tr[data-sku='" + sku + "']"))
                        .isEmpty();
            });
            // No sales yet: velocity 0, so the reorder point is the safety stock and the order tops 2 up to it.
            By reorder = By.cssSelector("#reorders tr[data-sku='" + sku + "']");
            WebElement row = browser.find(reorder);
            assertEquals(
                    List.of("3", "2", "5", "0.0", "7", "14"),
                    List.of(".suggested", ".position", ".reorder-point", ".velocity", ".lead-time", ".cover").stream()
                            .map(cell -> row.findElement(By.cssSelector(cell)).getText())
                            .toList());
            browser.screenshot("alerts");

            browser.submit(By.cssSelector("li[data-alert='" + alertId + "'] form"));
            assertTrue(browser.text(By.cssSelector("p.ok#outcome")).contains("acknowledged"));
            assertTrue(browser.driver()
                    .findElements(By.cssSelector("li[data-alert='" + alertId + "']"))
                    .isEmpty());
            given().baseUri(alerting)
                    .get("/alerts/{id}", alertId)
                    .then()
                    .statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("acknowledged"))
                    .body("acknowledgedBy", org.hamcrest.Matchers.equalTo("olga"));
        }
    }

    /**
     * A listings CSV with two bad lines is refused line by line in words, with the text kept and nothing mapped;
     * corrected, it is imported and the store shows the SKU in 2-packs.
     */
    @Test
    void aListingsCsvWithBadLinesIsRefusedLineByLineWithTheTextKeptThenImported() {
        String sku = "JUG-" + System.nanoTime();
        try (MarketplaceSimulator woo = MarketplaceSimulator.start(SimulatorConfig.of(ChannelConfig.of(
                        CSV_CHANNEL, "woocommerce", "woo-secret", SystemUnderTest.url("gateway"), 20)));
                ConsoleBrowser browser = new ConsoleBrowser(SystemUnderTest.console())) {
            GatewayCalls.channel(woo, CSV_CHANNEL, "woocommerce", "woo-secret");
            InventoryCalls.warehouse("lisbon", "Lisbon store");
            InventoryCalls.sku(sku, "Jug");
            InventoryCalls.receive(sku, "lisbon", 4);

            browser.signIn("olga", "merchant-ops", "");
            browser.open("/channels");
            By form = By.cssSelector("[data-channel=" + CSV_CHANNEL + "] form.import");
            By csv = By.cssSelector("[data-channel=" + CSV_CHANNEL + "] textarea[name=csv]");
            String bad = "listingId,sku,packSize\n7201," + sku + ",0\n7202,,1";
            browser.type(csv, bad);
            browser.submit(form);
            String refusal = browser.text(By.cssSelector("[data-channel=" + CSV_CHANNEL + "] .error"));
            assertTrue(refusal.contains("line 2: packSize must be 1 to 10000"), refusal);
            assertTrue(refusal.contains("line 3: listingId and sku must be 1 to 200 characters"), refusal);
            assertEquals(bad, browser.find(csv).getAttribute("value"));
            given().baseUri(SystemUnderTest.url("gateway"))
                    .get("/channels/{c}/listings/{l}", CSV_CHANNEL, "7201")
                    .then()
                    .statusCode(404);

            browser.type(csv, "listingId,sku,packSize\n7201," + sku + ",2");
            browser.submit(form);
            assertTrue(browser.text(By.cssSelector("p.ok#outcome")).contains("imported"));
            browser.find(By.cssSelector("[data-channel=" + CSV_CHANNEL + "] tr[data-listing='7201']"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(2, woo.listedQuantity(CSV_CHANNEL, "7201")));

            // The store acknowledged: the channel's health shows the push and nothing waiting.
            String health = "[data-channel=" + CSV_CHANNEL + "] .health";
            browser.until(d -> {
                browser.open("/channels");
                return browser.text(By.cssSelector(health + " .backlog")).equals("0 listings waiting")
                        && !browser.text(By.cssSelector(health + " .last-push")).equals("never acknowledged");
            });
            assertEquals("ok", browser.find(By.cssSelector(health)).getAttribute("data-state"));
            assertEquals("none", browser.text(By.cssSelector(health + " .failures")));
            browser.screenshot("channels-health");
        }
    }

    private static void rule(Map<String, Object> rule) {
        given().baseUri(SystemUnderTest.url("alerting"))
                .contentType(ContentType.JSON)
                .body(rule)
                .post("/rules")
                .then()
                .statusCode(201);
    }

    /** A figure of the explanation; "no cap" reads as no limit. */
    private static int term(ConsoleBrowser browser, By explained, String name) {
        String text = browser.find(explained)
                .findElement(By.cssSelector("[data-term=" + name + "]"))
                .getText();
        return text.matches("-?\\d+") ? Integer.parseInt(text) : Integer.MAX_VALUE;
    }

    private static By listingCell(String explained, String cell) {
        return By.cssSelector(explained + " tr[data-listing='" + PACK_LISTING + "'] ." + cell);
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
        return ReturnsCalls.open(
                given().auth().oauth2(SystemUnderTest.token("ana", List.of("warehouse-staff"), List.of("lisbon"))),
                CHANNEL,
                "lisbon",
                sku,
                2);
    }
}
