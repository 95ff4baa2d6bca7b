package dev.shelfsync.gateway.channel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shelfsync.gateway.error.ProblemException;
import org.junit.jupiter.api.Test;

class EndpointGuardTest {

    private final EndpointGuard prod = new EndpointGuard(false);

    @Test
    void refusesInternalAddressesAndOddSchemesInProduction() {
        for (String url : new String[] {
            "http://shop.example.com",
            "https://127.0.0.1/admin",
            "https://localhost:8080",
            "https://10.1.2.3",
            "https://192.168.1.10",
            "https://172.16.0.1",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://100.64.0.1",
            "https://0.0.0.0",
            "file:///etc/passwd",
            "https://user:pw@example.com",
            "not a url"
        }) {
            assertThrows(ProblemException.class, () -> prod.check(url), url);
        }
    }

    @Test
    void acceptsPublicHttpsAndPrivateOnlyWhenAllowed() {
        assertDoesNotThrow(() -> prod.check("https://93.184.215.14/shop"));
        assertDoesNotThrow(() -> new EndpointGuard(true).check("http://127.0.0.1:9090/shopify-main"));
    }

    @Test
    void handedOutUrlsMayCarryTheirSignatureButNotReachInside() {
        String signed = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=3f1c";
        assertDoesNotThrow(() -> prod.checkHandedOut("https://93.184.215.14/feed-document" + signed));
        for (String url : new String[] {
            "http://93.184.215.14/feed-document" + signed,
            "https://169.254.169.254/latest/meta-data" + signed,
            "https://10.0.0.8/feed-document" + signed,
            "https://user:pw@93.184.215.14/feed-document" + signed,
            "ftp://93.184.215.14/feed-document",
            "relative/feed-document" + signed
        }) {
            assertThrows(ProblemException.class, () -> prod.checkHandedOut(url), url);
        }
        // apiBaseUrl stays a plain base URL: no query.
        assertThrows(ProblemException.class, () -> prod.check("https://93.184.215.14/shop" + signed));
        assertDoesNotThrow(() -> new EndpointGuard(true).checkHandedOut("http://127.0.0.1:9090/amz/upload" + signed));
    }
}
