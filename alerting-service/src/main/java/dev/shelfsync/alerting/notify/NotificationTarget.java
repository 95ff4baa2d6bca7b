package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.error.BadRequestProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where notifications go: a webhook (signed with its secret) or an e-mail address. The secret is write-only: it is
 * never shown, and a change that leaves it out keeps it.
 */
@Entity
@Table(name = "notification_target")
public class NotificationTarget {

    @Id
    private UUID id;

    private String name;

    private String kind;

    private String url;

    private String secret;

    @Column(name = "body_format")
    private String format;

    private String email;

    @Column(name = "min_severity")
    private String minSeverity;

    private boolean enabled;

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected NotificationTarget() {}

    /**
     * A new target; a webhook without a secret of its own is refused unless the service signs with a default one.
     */
    NotificationTarget(UUID id, TargetRequest request, boolean defaultSecretSet) {
        checkConsistent(request);
        if (isWebhook(request) && request.secret() == null && !defaultSecretSet) {
            throw new BadRequestProblem("secret", "is required: webhooks are always signed");
        }
        this.id = id;
        change(request);
    }

    /** Replaces the settings; an absent secret keeps the one set before. */
    void change(TargetRequest request) {
        checkConsistent(request);
        this.name = request.name();
        this.kind = request.kind();
        this.url = request.url();
        if (request.secret() != null) {
            this.secret = request.secret();
        }
        this.format = request.format() == null ? "json" : request.format();
        this.email = request.email();
        this.minSeverity = request.minSeverity() == null ? "info" : request.minSeverity();
        this.enabled = request.enabled() == null || request.enabled();
    }

    /** A webhook needs a URL and an e-mail target an address. */
    static void checkConsistent(TargetRequest request) {
        if (isWebhook(request) && request.url() == null) {
            throw new BadRequestProblem("url", "is required for a webhook target");
        }
        if ("email".equals(request.kind()) && request.email() == null) {
            throw new BadRequestProblem("email", "is required for an email target");
        }
    }

    UUID id() {
        return id;
    }

    TargetView view(DeliveryHealth.Health health) {
        return new TargetView(
                id,
                name,
                kind,
                url,
                format,
                email,
                minSeverity,
                enabled,
                secret != null,
                health.pending(),
                health.failed(),
                health.lastError(),
                createdAt);
    }

    private static boolean isWebhook(TargetRequest request) {
        return "webhook".equals(request.kind());
    }
}
