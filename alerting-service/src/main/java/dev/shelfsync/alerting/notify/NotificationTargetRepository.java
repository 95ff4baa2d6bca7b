package dev.shelfsync.alerting.notify;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Notification targets as operators manage them; no transactions of its own. */
@ApplicationScoped
public class NotificationTargetRepository implements PanacheRepositoryBase<NotificationTarget, UUID> {

    public Uni<List<NotificationTarget>> oldestFirst() {
        return listAll(Sort.by("createdAt"));
    }
}
