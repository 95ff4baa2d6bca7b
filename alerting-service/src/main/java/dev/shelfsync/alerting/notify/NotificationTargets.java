package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.config.AlertingConfig;
import dev.shelfsync.platform.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Notification targets (Hibernate Reactive) with the health of their deliveries; deleting a target drops its
 * pending deliveries (the table cascades). The dispatcher reads targets on its own, in its claim.
 */
@ApplicationScoped
public class NotificationTargets {

    private final NotificationTargetRepository targets;
    private final DeliveryHealth health;
    private final boolean defaultSecretSet;

    public NotificationTargets(NotificationTargetRepository targets, DeliveryHealth health, AlertingConfig config) {
        this.targets = targets;
        this.health = health;
        this.defaultSecretSet = config.webhook().defaultSecret().isPresent();
    }

    @WithSession
    public Uni<List<TargetView>> list() {
        return targets.oldestFirst().flatMap(all -> health.ofAll().map(byTarget -> all.stream()
                .map(target -> target.view(byTarget.getOrDefault(target.id(), DeliveryHealth.Health.NONE)))
                .toList()));
    }

    @WithSession
    public Uni<TargetView> get(UUID id) {
        return existing(id).flatMap(target -> health.of(id).map(target::view));
    }

    /** @return the new target's id */
    @WithTransaction
    public Uni<UUID> create(TargetRequest request) {
        return targets.persist(new NotificationTarget(UUID.randomUUID(), request, defaultSecretSet))
                .map(NotificationTarget::id);
    }

    @WithTransaction
    public Uni<UUID> update(UUID id, TargetRequest request) {
        NotificationTarget.checkConsistent(request);
        return existing(id).map(target -> {
            target.change(request);
            return id;
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return targets.deleteById(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundProblem("No notification target " + id + ".");
            }
            return null;
        });
    }

    private Uni<NotificationTarget> existing(UUID id) {
        return targets.findById(id).map(target -> {
            if (target == null) {
                throw new NotFoundProblem("No notification target " + id + ".");
            }
            return target;
        });
    }
}
