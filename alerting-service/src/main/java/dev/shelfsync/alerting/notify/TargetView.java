package dev.shelfsync.alerting.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification target as the API shows it: the secret only as "set or not", with its delivery health. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetView(
        UUID id,
        String name,
        String kind,
        String url,
        String format,
        String email,
        String minSeverity,
        boolean enabled,
        boolean secretSet,
        long pendingDeliveries,
        long failedDeliveries,
        String lastError,
        OffsetDateTime createdAt) {}
