package dev.shelfsync.inventory.buffer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelSyncLagMeasured;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the gateway's latest sync-lag measurement per channel. A measurement only replaces an older one, so a
 * redelivered or late message changes nothing and needs no inbox; the buffers it sizes follow at the SKUs' next
 * availability (every sale publishes one, and {@link AutoBufferRefresher} republishes SKUs that sold recently).
 */
@ApplicationScoped
public class SyncLagConsumer {

    private static final String KEEP_LATEST =
            """
            insert into channel_sync_lag (channel_id, p99_millis, samples, measured_at) values ($1, $2, $3, $4)
            on conflict (channel_id) do update set p99_millis = excluded.p99_millis, samples = excluded.samples,
                measured_at = excluded.measured_at
             where channel_sync_lag.measured_at < excluded.measured_at
            """;

    private final Pool pool;
    private final ObjectMapper mapper;

    public SyncLagConsumer(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    @Incoming("channel-sync-lags")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        if (!RoutingKeys.SYNC_LAG_MEASURED.equals(envelope.type())) {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        ChannelSyncLagMeasured lag = envelope.payloadAs(ChannelSyncLagMeasured.class, mapper);
        if (lag.channelId() == null || lag.measuredAt() == null || lag.p99Millis() < 0 || lag.samples() < 1) {
            throw new PoisonMessage("incomplete sync-lag measurement");
        }
        return pool.preparedQuery(KEEP_LATEST)
                .execute(Tuple.of(
                        lag.channelId(),
                        (int) Math.min(Integer.MAX_VALUE, lag.p99Millis()),
                        lag.samples(),
                        lag.measuredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
