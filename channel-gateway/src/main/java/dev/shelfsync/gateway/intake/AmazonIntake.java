package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.error.ProblemException;
import dev.shelfsync.gateway.error.UpstreamUnavailableProblem;
import dev.shelfsync.gateway.marketplace.AmazonOrderItems;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Completes an ORDER_CHANGE that creates an order with the order's items from the channel's Orders API
 * ({@code getOrderItems}, every page), before anything is stored. If Amazon cannot be read the notification is
 * answered 5xx and stored nowhere, so the relay delivers it again: 503 (with Amazon's {@code Retry-After} on a 429)
 * when Amazon failed or throttled, 502 when it refused the call or answered something unusable.
 */
@ApplicationScoped
public class AmazonIntake {

    private static final Logger LOG = Logger.getLogger(AmazonIntake.class);

    private final IntakeService intake;
    private final AmazonOrderItems items;

    public AmazonIntake(IntakeService intake, ObjectMapper mapper, GatewayConfig config) {
        this.intake = intake;
        this.items = new AmazonOrderItems(new MarketplaceHttp(mapper, config.pushTimeout()));
    }

    Uni<ParsedWebhook> complete(Channel channel, String deliveryId, AmazonAdapter.Notification notification) {
        if (notification.kind() != ParsedWebhook.Kind.ORDER_CREATED) {
            return Uni.createFrom().item(notification.withoutLines());
        }
        // A redelivery, or a later status change of an order already taken (or cancelled first): its lines change
        // nothing, so Amazon is not asked again.
        return intake.settled(channel.id(), deliveryId, notification.amazonOrderId())
                .flatMap(settled ->
                        settled ? Uni.createFrom().item(notification.withoutLines()) : fetch(channel, notification));
    }

    private Uni<ParsedWebhook> fetch(Channel channel, AmazonAdapter.Notification notification) {
        if (channel.apiBaseUrl() == null) {
            return Uni.createFrom()
                    .failure(new ProblemException(
                            409,
                            "channel-without-api",
                            "Channel without API",
                            "Amazon orders are read from the channel's Orders API; the channel has no apiBaseUrl."));
        }
        String orderId = notification.amazonOrderId();
        return Uni.createFrom()
                .item(() -> items.fetch(channel, orderId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(result -> {
                    if (result instanceof Result.Ok ok) {
                        return lines(channel, notification, ok);
                    }
                    if (result instanceof Result.Throttled throttled) {
                        throw unavailable(
                                channel,
                                orderId,
                                "throttled",
                                "Amazon throttled getOrderItems.",
                                throttled.retryAfter());
                    }
                    if (result instanceof Result.Refused refused) {
                        throw badGateway(
                                channel,
                                orderId,
                                refused.reason(),
                                "Amazon refused getOrderItems (" + refused.reason() + ").");
                    }
                    throw unavailable(
                            channel,
                            orderId,
                            ((Result.Failed) result).reason(),
                            "Amazon's Orders API did not answer.",
                            null);
                });
    }

    private static ParsedWebhook lines(Channel channel, AmazonAdapter.Notification notification, Result.Ok ok) {
        try {
            return notification.withLines(AmazonAdapter.orderItems(ok.body().path("payload")));
        } catch (ProblemException malformed) {
            throw badGateway(
                    channel,
                    notification.amazonOrderId(),
                    malformed.getMessage(),
                    "Amazon's getOrderItems answer is unusable: " + malformed.getMessage());
        }
    }

    private static UpstreamUnavailableProblem unavailable(
            Channel channel, String orderId, String reason, String detail, Duration retryAfter) {
        LOG.warnf(
                "getOrderItems for %s order %s failed (%s); the notification is refused for redelivery",
                channel.id(), orderId, reason);
        return new UpstreamUnavailableProblem(
                503, "marketplace-unavailable", "Service Unavailable", detail + " Deliver again later.", retryAfter);
    }

    private static UpstreamUnavailableProblem badGateway(
            Channel channel, String orderId, String reason, String detail) {
        LOG.warnf(
                "getOrderItems for %s order %s unusable (%s); the notification is refused for redelivery",
                channel.id(), orderId, reason);
        return new UpstreamUnavailableProblem(502, "marketplace-refused", "Bad Gateway", detail, null);
    }
}
