package dev.shelfsync.gateway.intake;

import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.gateway.sales.SalesSignal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records a verified webhook and publishes what it means, in one transaction: the intake row (unique per delivery id,
 * so a redelivery changes nothing), the order state, the sale in flight and the outbox rows commit together or not at
 * all. After commit the pushers of the channels that must now show less are woken. What each kind of webhook
 * means is {@link OrderIntake}'s and {@link ReturnIntake}'s.
 */
@ApplicationScoped
public class IntakeService {

    /** How an intake ended; the webhook answer reports it. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        DUPLICATE_ORDER,
        PARKED,
        CANCEL_REMEMBERED,
        CANCELLED_BEFORE_RECEIVED,
        IGNORED;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private static final String INSERT_INTAKE = "insert into webhook_intake"
            + " (channel_id, delivery_id, topic, external_order_id, payload) values ($1, $2, $3, $4, $5)"
            + " on conflict (channel_id, delivery_id) do nothing returning id";
    private static final String SETTLED = "select exists(select 1 from webhook_intake"
            + " where channel_id = $1 and delivery_id = $2) or exists(select 1 from channel_order"
            + " where channel_id = $1 and external_order_id = $3 and (received or cancelled)) as settled";

    private final Pool pool;
    private final OrderIntake orders;
    private final ReturnIntake returns;
    private final SalesSignal salesSignal;
    private final PushScheduler pushers;

    public IntakeService(
            Pool pool, OrderIntake orders, ReturnIntake returns, SalesSignal salesSignal, PushScheduler pushers) {
        this.pool = pool;
        this.orders = orders;
        this.returns = returns;
        this.salesSignal = salesSignal;
        this.pushers = pushers;
    }

    /**
     * True when this delivery was already recorded, or the order was already received or cancelled: then the
     * intake's outcome does not depend on the order's lines.
     */
    public Uni<Boolean> settled(String channelId, String deliveryId, String externalOrderId) {
        return pool.preparedQuery(SETTLED)
                .execute(Tuple.of(channelId, deliveryId, externalOrderId))
                .map(rows -> rows.iterator().next().getBoolean("settled"));
    }

    public Uni<Outcome> accept(Channel channel, String deliveryId, String topic, ParsedWebhook webhook, String body) {
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_INTAKE)
                        .execute(Tuple.of(
                                channel.id(), deliveryId, topic, webhook.externalOrderId(), new JsonObject(body)))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(IntakeResult.of(Outcome.DUPLICATE));
                            }
                            long intakeId = rows.iterator().next().getLong("id");
                            return apply(tx, channel, webhook).flatMap(result -> tx.preparedQuery(
                                            "update webhook_intake set status = $2, unknown_listings = $3 where id = $1")
                                    .execute(Tuple.of(intakeId, result.outcome().label(), result.unknown()))
                                    .replaceWith(result));
                        }))
                .invoke(result -> {
                    pushers.wakeAll(result.wake());
                    salesSignal.sold(result.sold());
                })
                .map(IntakeResult::outcome);
    }

    private Uni<IntakeResult> apply(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return switch (webhook.kind()) {
            case ORDER_CREATED -> orders.created(tx, channel, webhook);
            case ORDER_CANCELLED -> orders.cancelled(tx, channel, webhook);
            case RETURN_REQUESTED -> returns.requested(tx, channel, webhook);
            case IGNORED -> Uni.createFrom().item(IntakeResult.of(Outcome.IGNORED));
        };
    }
}
