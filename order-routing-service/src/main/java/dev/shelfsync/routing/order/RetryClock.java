package dev.shelfsync.routing.order;

import dev.shelfsync.platform.schedule.DueTimer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * When this replica's next re-rank falls due: told by {@link ReservationAnswers} after a refusal's pause is committed, and
 * by {@link RetryScheduler} from the earliest {@code retry_at} after each round, so no one polls for due orders.
 */
@ApplicationScoped
public class RetryClock {

    private volatile DueTimer timer;

    void drive(DueTimer timer) {
        this.timer = timer;
    }

    /** A re-rank falls due after {@code pause}. */
    public void dueIn(Duration pause) {
        DueTimer current = timer;
        if (current != null) {
            current.dueIn(pause);
        }
    }
}
