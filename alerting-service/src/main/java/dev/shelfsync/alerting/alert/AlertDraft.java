package dev.shelfsync.alerting.alert;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A condition that should be open as an alert.
 *
 * @param subject what it is about, e.g. {@code sku:MUG-01}, {@code sku:MUG-01@berlin}, {@code order:o-1}
 * @param details facts a person needs to act (numbers, ids); replaced on every refresh
 * @param ruleId the rule that fired, when one did
 */
public record AlertDraft(
        String type, Severity severity, String subject, String summary, JsonObject details, UUID ruleId) {

    public static AlertDraft of(String type, Severity severity, String subject, String summary, JsonObject details) {
        return new AlertDraft(type, severity, subject, summary, details, null);
    }
}
