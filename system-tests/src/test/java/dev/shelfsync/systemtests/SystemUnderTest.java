package dev.shelfsync.systemtests;

import dev.shelfsync.scenarios.Deployment;
import dev.shelfsync.scenarios.LocalSystem;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system every system test shares: started on first use, stopped when the test JVM exits. Requests without
 * their own Authorization header are signed in as an operator (admin), as every API but the webhooks requires.
 */
final class SystemUnderTest {

    private static LocalSystem running;
    private static TraceCollector traces;
    private static String console;

    private SystemUnderTest() {}

    static synchronized LocalSystem get() {
        if (running == null) {
            // Tracing on where a run asks for it (the traced failsafe run of OrderTraceIT and ChaosIT), exporting
            // to a collector in this JVM; the other system tests keep the local run's default, off.
            boolean tracing = Boolean.getBoolean("shelfsync.tracing");
            Map<String, String> settings = Map.of();
            if (tracing) {
                traces = TraceCollector.start();
                settings = Map.of(
                        "OTEL_SDK_DISABLED", "false",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                        // Spans reach the collector within a moment rather than after the default 5 s.
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            }
            running = LocalSystem.start(
                    Deployment.SYSTEM_TESTS, Path.of(System.getProperty("shelfsync.root", "..")), settings);
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
            console = get().startConsole();
        }
        return console;
    }

    static String url(String service) {
        return get().url(service);
    }
}
