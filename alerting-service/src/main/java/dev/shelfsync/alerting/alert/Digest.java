package dev.shelfsync.alerting.alert;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What is not resolved yet, most severe first: the page an operator opens in the morning. */
public record Digest(
        OffsetDateTime generatedAt, int total, Map<String, Integer> counts, Map<String, List<AlertView>> bySeverity) {}
