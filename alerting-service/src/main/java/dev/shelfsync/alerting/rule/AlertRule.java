package dev.shelfsync.alerting.rule;

import dev.shelfsync.alerting.error.BadRequestProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A low-stock or reorder-point rule an operator set up. Its settings change only through {@link #change}; whether it
 * is armed is hysteresis state kept by the stock watch in the event's own transaction, so this mapping never
 * writes it (a change of settings does not fire a second alert).
 */
@Entity
@Table(name = "alert_rule")
public class AlertRule {

    static final String LOW_STOCK = "low-stock";
    static final String REORDER_POINT = "reorder-point";

    @Id
    private UUID id;

    private String kind;

    private String sku;

    @Column(name = "location_id")
    private String locationId;

    @Column(name = "channel_id")
    private String channelId;

    private String severity;

    private Integer threshold;

    @Column(name = "rearm_margin")
    private int rearmMargin;

    @Column(name = "lead_time_days")
    private Integer leadTimeDays;

    @Column(name = "safety_stock")
    private int safetyStock;

    @Column(name = "window_days")
    private Integer windowDays;

    @Column(name = "cover_days")
    private Integer coverDays;

    private boolean enabled;

    @Column(insertable = false, updatable = false)
    private boolean armed;

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected AlertRule() {}

    /** A new rule; armed, as the table's default makes it. */
    AlertRule(UUID id, RuleRequest request) {
        this.id = id;
        this.armed = true;
        change(request);
    }

    /**
     * Replaces the settings. A rule watches one location or one channel, not both; a low-stock rule needs a
     * threshold and a reorder-point rule a lead time; absent settings take their defaults (reorder-point: info, a
     * 28-day window, 14 days of cover; low-stock: warning).
     */
    void change(RuleRequest request) {
        checkConsistent(request);
        boolean reorder = REORDER_POINT.equals(request.kind());
        this.kind = request.kind();
        this.sku = request.sku();
        this.locationId = request.locationId();
        this.channelId = request.channelId();
        this.severity = request.severity() != null ? request.severity() : reorder ? "info" : "warning";
        this.threshold = request.threshold();
        this.rearmMargin = request.rearmMargin() != null ? request.rearmMargin() : 0;
        this.leadTimeDays = request.leadTimeDays();
        this.safetyStock = request.safetyStock() != null ? request.safetyStock() : 0;
        this.windowDays = reorder && request.windowDays() == null ? Integer.valueOf(28) : request.windowDays();
        this.coverDays = reorder && request.coverDays() == null ? Integer.valueOf(14) : request.coverDays();
        this.enabled = request.enabled() == null || request.enabled();
    }

    /** Refuses a request that passes field validation but is inconsistent as a whole. */
    static void checkConsistent(RuleRequest request) {
        if (request.locationId() != null && request.channelId() != null) {
            throw new BadRequestProblem("channelId", "a rule watches one location or one channel, not both");
        }
        if (LOW_STOCK.equals(request.kind()) && request.threshold() == null) {
            throw new BadRequestProblem("threshold", "is required for a low-stock rule");
        }
        if (REORDER_POINT.equals(request.kind()) && request.leadTimeDays() == null) {
            throw new BadRequestProblem("leadTimeDays", "is required for a reorder-point rule");
        }
    }

    RuleView view() {
        return new RuleView(
                id,
                kind,
                sku,
                locationId,
                channelId,
                severity,
                threshold,
                rearmMargin,
                leadTimeDays,
                safetyStock,
                windowDays,
                coverDays,
                enabled,
                armed);
    }
}
