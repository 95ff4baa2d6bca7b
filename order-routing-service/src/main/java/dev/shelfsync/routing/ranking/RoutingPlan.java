package dev.shelfsync.routing.ranking;

import java.util.List;

/** The outcome of ranking: candidates per line for the reservation request, and why. */
public record RoutingPlan(List<PlannedLine> lines, Explanation explanation) {}
