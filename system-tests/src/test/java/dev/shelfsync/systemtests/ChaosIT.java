package dev.shelfsync.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.scenarios.Chaos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short tier of scripts/chaos.sh, on the shared system: under a steady stream of signed order webhooks the
 * broker is restarted and inventory is killed with SIGKILL and started again. After each, within a bound, every
 * sale is exactly one order with one reserved unit, nothing is stuck, the outboxes are empty, every store shows
 * inventory's number, and readiness went DOWN while the broker was away. The same code as the script, so what CI
 * proves is what the full tier measures.
 */
class ChaosIT {

    @Test
    void aBrokerRestartAHalfOpenConnectionAndAKilledServiceLoseAndDoubleNothingAndTheStoresConverge()
            throws IOException {
        Chaos.Result result = new Chaos(SystemUnderTest.get(), Chaos.Tier.SHORT, Path.of("target/chaos-reports")).run();

        String report = Files.readString(result.report());
        assertEquals(3, result.steps().size(), report);
        for (Chaos.StepResult step : result.steps()) {
            assertEquals(0, step.verdict().lost(), step.name() + " lost orders\n" + report);
            assertEquals(0, step.verdict().duplicated() + step.verdict().doubleReserved(), step.name() + "\n" + report);
            assertTrue(step.passed(), step.name() + " did not recover\n" + report);
        }
        assertTrue(
                result.steps().get(0).notReadyDuringFault().contains("inventory"),
                "readiness stayed UP while the broker was stopped\n" + report);
        Chaos.StepResult partition = result.steps().get(1);
        assertEquals("half-open broker connection", partition.name(), report);
        assertTrue(partition.notes().contains("new ones opened"), partition.notes() + "\n" + report);
    }
}
