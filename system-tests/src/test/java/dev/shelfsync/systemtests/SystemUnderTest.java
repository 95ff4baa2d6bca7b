package dev.shelfsync.systemtests;

import dev.shelfsync.scenarios.LocalSystem;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.List;

/**
 * The system every system test shares: started on first use, stopped when the test JVM exits. Requests without
 * their own Authorization header are signed in as an operator (admin), as every API but the webhooks requires.
 */
final class SystemUnderTest {

    private static LocalSystem running;
    private static String console;

    private SystemUnderTest() {}

    static synchronized LocalSystem get() {
        if (running == null) {
            running = LocalSystem.start(
                    LocalSystem.Deployment.SYSTEM_TESTS, Path.of(System.getProperty("shelfsync.root", "..")));
            String operator = "Bearer " + running.token("operator", List.of("admin"), List.of());
            RestAssured.filters((request, response, context) -> {
                if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                    request.header("Authorization", operator);
                }
                return context.next(request, response);
            });
        }
        return running;
    }

    static String token(String user, List<String> roles, List<String> locations) {
        return get().token(user, roles, locations);
    }

    /** The staff console, started on first use beside the services. */
    static synchronized String console() {
        if (console == null) {
            console = get().startConsole();
        }
        return console;
    }

    static String url(String service) {
        return get().url(service);
    }
}
