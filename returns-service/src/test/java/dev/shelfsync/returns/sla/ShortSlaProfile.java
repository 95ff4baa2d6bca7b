package dev.shelfsync.returns.sla;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A one-second inspection SLA, a sweep every second and the overdue gauge read five times a second, so overdue returns
 * appear within a test.
 */
public class ShortSlaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "returns.inspection-sla",
                "PT1S",
                "returns.overdue-check-every",
                "1s",
                "returns.metrics-interval",
                "200ms");
    }
}
