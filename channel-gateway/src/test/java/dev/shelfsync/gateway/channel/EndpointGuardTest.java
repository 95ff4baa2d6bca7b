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
}
