package dev.shelfsync.inventory.rebalance;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Rebalancing switched on, a giver keeping at least two units. */
public class RebalancingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shelfsync.rebalance.enabled", "true", "shelfsync.rebalance.threshold", "2");
    }
}
