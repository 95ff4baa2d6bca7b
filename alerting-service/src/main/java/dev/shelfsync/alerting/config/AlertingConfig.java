package dev.shelfsync.alerting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the alerting context: notification delivery, webhook signing and the dead-letter watch. */
@ConfigMapping(prefix = "alerting")
public interface AlertingConfig {

    /** Delivery of notifications to their targets. */
    Delivery delivery();

    /** Outgoing webhooks. */
    Webhook webhook();

    /** Periodic check of parking (dead-letter) queues. */
    Parking parking();

    /** Retries and claiming of notifications. */
    interface Delivery {
        /** Attempts before a notification is marked failed. */
        @WithDefault("8")
        int maxAttempts();

        /** Pause after the first failed attempt; doubles with every further failure. */
        @WithDefault("2s")
        Duration backoffBase();

        /** Longest pause between two attempts. */
        @WithDefault("10m")
        Duration backoffMax();

        /** How long a claimed notification stays invisible to other replicas while it is being delivered. */
        @WithDefault("60s")
        Duration lease();

        /** Timeout of one webhook call. */
        @WithDefault("10s")
        Duration timeout();

        /** Notifications claimed per round. */
        @WithDefault("20")
        int batch();

        /**
         * Longest wait between two rounds: retries are timed for their due time and new alerts NOTIFY, so this only
         * bounds a lost NOTIFY or a retry another replica scheduled and could not make (it died).
         */
        @WithDefault("30s")
        Duration sweepInterval();
    }

    /** Webhook signing. */
    interface Webhook {
        /** HMAC-SHA256 key for targets created without a secret of their own (from the environment). */
        Optional<String> defaultSecret();
    }

    /** The dead-letter watch. */
    interface Parking {
        /** Parking queues to watch; a queue holding messages raises a dead-lettered alert. */
        Optional<List<String>> queues();

        /** How often the queues are checked. */
        @WithDefault("30s")
        Duration interval();
    }
}
