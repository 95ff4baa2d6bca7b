package dev.shelfsync.systemtests;

import dev.shelfsync.scenarios.Deployment;
import dev.shelfsync.scenarios.LocalSystem;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system every system test shares: started on first use, stopped when the test JVM exits. Requests without
 * their own Authorization header are signed in as an operator (admin), as every API but the webhooks requires.
 * With {@code shelfsync.oidc} (the oidc failsafe run) the services and the console trust Keycloak instead of the
 * local key pair, as in production, and the operator is Keycloak's harness client.
 */
final class SystemUnderTest {

    private static LocalSystem running;
    private static TraceCollector traces;
    private static String console;
    private static KeycloakProvider provider;

    private SystemUnderTest() {}

    static synchronized LocalSystem get() {
        if (running == null) {
            // Tracing on where a run asks for it (the traced failsafe run of OrderTraceIT and ChaosIT), exporting
            // to a collector in this JVM; the other system tests keep the local run's default, off.
            boolean tracing = Boolean.getBoolean("shelfsync.tracing");
            Path root = Path.of(System.getProperty("shelfsync.root", ".."));
            Map<String, String> settings = new HashMap<>();
            if (tracing) {
                traces = TraceCollector.start();
                settings.putAll(Map.of(
                        "OTEL_SDK_DISABLED", "false",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                        // Spans reach the collector within a moment rather than after the default 5 s.
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
            }
            if (Boolean.getBoolean("shelfsync.oidc")) {
                // Keycloak starts while the services do: they fetch its keys only when the first token comes.
                provider = KeycloakProvider.launch(root.resolve("run/logs/ss-system"));
                Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
                settings.putAll(provider.serviceSettings());
            }
            running = LocalSystem.start(Deployment.SYSTEM_TESTS, root, settings);
            String operator = "Bearer " + operatorToken();
            RestAssured.filters((request, response, context) -> {
                if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                    request.header("Authorization", operator);
                }
                return context.next(request, response);
            });
        }
        return running;
    }

    private static String operatorToken() {
        if (provider == null) {
            return running.token("operator", List.of("admin"), List.of());
        }
        provider.awaitReady();
        return provider.harnessToken();
    }

    /** The OIDC provider of the oidc failsafe run. */
    static KeycloakProvider provider() {
        get();
        if (provider == null) {
            throw new IllegalStateException(
                    "no OIDC provider in this run: ConsoleOidcIT runs in the oidc failsafe run");
        }
        return provider;
    }

    /** The spans the services exported so far; the run must have tracing on ({@code -Dshelfsync.tracing=true}). */
    static TraceCollector traces() {
        get();
        if (traces == null) {
            throw new IllegalStateException("tracing is off in this run: OrderTraceIT runs in the traced failsafe run");
        }
        return traces;
    }

    static String token(String user, List<String> roles, List<String> locations) {
        return get().token(user, roles, locations);
    }

    /** The staff console, started on first use beside the services. */
    static synchronized String console() {
        if (console == null) {
            LocalSystem system = get();
            console = provider == null ? system.startConsole() : system.startConsole(provider.consoleSettings());
        }
        return console;
    }

    static String url(String service) {
        return get().url(service);
    }
}
