package dev.shelfsync.contracts.alerts;

/**
 * An alert opened (or re-opened); other contexts may react, operators are notified by alerting itself.
 *
 * @param subject what the alert is about, e.g. {@code sku:MUG-01@berlin} or {@code channel:shopify-main}
 */
public record AlertRaised(String alertId, String type, String severity, String subject, String summary) {}
