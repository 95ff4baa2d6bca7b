package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * The production sign-in against a real provider: the five services and the console trust Keycloak as the chart's
 * values configure them, and people sign in at Keycloak's own form. Operations see a stock page with inventory's
 * numbers (inventory took Keycloak's access token); warehouse staff find their location's return at the bench and
 * not another location's (returns read the token's locations claim); a person without a Shelfsync role is refused
 * in words; signing out ends the provider's session too, so the next visit asks for the password again; a scan
 * after the console's session ended reloads the page through the provider instead of failing in the panel.
 */
@Tag("oidc")
@EnabledIfSystemProperty(named = "shelfsync.oidc", matches = "true")
class ConsoleOidcIT {

    @Test
    void operationsSignInAtTheProviderAndSeeInventorysNumbers() {
        String sku = "CLOCK-" + System.nanoTime();
        try (ConsoleBrowser browser = new ConsoleBrowser(SystemUnderTest.console())) {
            InventoryCalls.warehouse("lisbon", "Lisbon store");
            InventoryCalls.sku(sku, "Clock");
            InventoryCalls.receive(sku, "lisbon", 4);

            browser.open("/stock?sku=" + sku);
            signInAtProvider(browser, "olga", "olga-password");

            assertEquals("4", browser.text(By.cssSelector("#levels tr[data-location=lisbon] .sellable")));
            assertTrue(browser.text(By.cssSelector("form.who")).contains("olga (merchant-ops)"));

            browser.pressSignOut();
            browser.find(By.id("kc-form-login"));
            // Had only the console's cookie gone, the provider would sign olga straight back in without a form.
            browser.open("/stock?sku=" + sku);
            browser.find(By.id("kc-form-login"));
            assertTrue(browser.driver().findElements(By.id("levels")).isEmpty());
        }
    }

    @Test
    void warehouseStaffFindTheirLocationsReturnAtTheBenchAndNotAnothers() {
        String lisbon = openReturn("lisbon");
        String porto = openReturn("porto");
        try (ConsoleBrowser browser = new ConsoleBrowser(SystemUnderTest.console())) {
            browser.open("/");
            signInAtProvider(browser, "ana", "ana-password");
            browser.until(d -> d.getCurrentUrl().endsWith("/returns"));
            assertTrue(browser.text(By.cssSelector("form.who")).contains("ana (warehouse-staff) at lisbon"));

            browser.scan(By.id("find"), lisbon);
            browser.find(By.cssSelector("article.rma[data-rma='" + lisbon + "']"));

            assertTrue(browser.findsNoReturn(porto));

            // The console's session ends with the RMA on screen. The next scan is an htmx request, which cannot
            // follow a redirect to the provider: it is answered 499 and the page reloads, passes by the provider
            // (still signed in there, so no form) and comes back to the station, signed in again.
            browser.scan(By.id("find"), lisbon);
            browser.find(By.cssSelector("article.rma[data-rma='" + lisbon + "']"));
            browser.driver().manage().getCookies().stream()
                    .filter(cookie -> cookie.getName().startsWith("q_session"))
                    .forEach(cookie -> browser.driver().manage().deleteCookie(cookie));
            browser.scan(By.id("scan"), "ANY-UNIT");
            browser.until(d -> d.findElements(By.cssSelector("article.rma")).isEmpty()
                    && d.getCurrentUrl().endsWith("/returns"));
            assertTrue(browser.text(By.cssSelector("form.who")).contains("ana (warehouse-staff) at lisbon"));
        }
    }

    @Test
    void aPersonWithoutAShelfsyncRoleIsRefusedInWords() {
        try (ConsoleBrowser browser = new ConsoleBrowser(SystemUnderTest.console())) {
            browser.open("/");
            signInAtProvider(browser, "vera", "vera-password");
            assertEquals("Not for your role", browser.text(By.tagName("h1")));
            assertTrue(browser.text(By.cssSelector("p.error")).contains("none of the roles this console serves"));

            browser.open("/returns");
            assertTrue(browser.text(By.cssSelector("p.error")).contains("The returns station screen is for"));
        }
    }

    /** Keycloak's login form, where the console sent the browser; back at the console once it took the code. */
    private static void signInAtProvider(ConsoleBrowser browser, String user, String password) {
        String provider = SystemUnderTest.provider().issuer();
        browser.until(d -> d.getCurrentUrl().startsWith(provider));
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), password);
        browser.find(By.id("kc-login")).click();
        browser.until(d -> !d.getCurrentUrl().startsWith(provider));
    }

    /** A return of two units at a location, opened by the harness (admin) as a channel's return request would. */
    private static String openReturn(String locationId) {
        // Without a header of its own the call goes as the harness client (SystemUnderTest's default).
        return ReturnsCalls.open(given(), "console-oidc", locationId, "RADIO-" + System.nanoTime(), 2);
    }
}
