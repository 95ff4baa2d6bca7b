package dev.shelfsync.gateway.intake;

import java.util.Set;

/**
 * What applying a webhook did, for its intake row and for the work after commit.
 *
 * @param unknown listing keys that no mapping names (the intake row keeps them), null when there are none
 * @param wake channels whose listings must be pushed again because sales in flight went
 * @param sold SKUs with a new sale in flight
 */
record IntakeResult(IntakeService.Outcome outcome, String[] unknown, Set<String> wake, Set<String> sold) {

    static IntakeResult of(IntakeService.Outcome outcome) {
        return new IntakeResult(outcome, null, Set.of(), Set.of());
    }

    IntakeResult(IntakeService.Outcome outcome, String[] unknown) {
        this(outcome, unknown, Set.of(), Set.of());
    }
}
