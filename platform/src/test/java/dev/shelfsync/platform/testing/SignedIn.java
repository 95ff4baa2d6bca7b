package dev.shelfsync.platform.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every service's tests call its API signed in: before each test, RestAssured requests carry an admin token unless
 * the test sets its own {@code Authorization} header or calls {@link #nobody()}. Registered (META-INF/services of
 * the platform test-jar) for every {@code @QuarkusTest} of a module that depends on the test-jar, and run inside
 * the application's class loader, where the test's RestAssured lives; so a service's tests never switch
 * authorisation off to pass.
 */
public final class SignedIn implements QuarkusTestBeforeEachCallback {

    private static final Filter ADMIN = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + admin());
        }
        return context.next(request, response);
    };

    private static String adminToken;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        signInAsAdmin();
    }

    /** Requests without their own Authorization header carry an admin token again. */
    public static void signInAsAdmin() {
        RestAssured.replaceFiltersWith(ADMIN);
    }

    /** The rest of this test sends requests without any token. */
    public static void nobody() {
        RestAssured.replaceFiltersWith(java.util.List.of());
    }

    private static synchronized String admin() {
        if (adminToken == null) {
            adminToken = Tokens.admin();
        }
        return adminToken;
    }
}
