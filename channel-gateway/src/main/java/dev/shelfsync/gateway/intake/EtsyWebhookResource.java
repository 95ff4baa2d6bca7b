package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.error.ProblemException;
import dev.shelfsync.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Etsy webhooks: verified on the raw body with the Standard Webhooks headers, deduplicated on {@code webhook-id}. The
 * webhook names a receipt; the receipt is fetched from the shop's API before the intake commits, so an Etsy that
 * cannot be read answers 503 and stores nothing.
 */
// Marketplaces carry no token: each webhook is authenticated by its signature over the raw body.
@PermitAll
@Path("/webhooks/etsy")
@Consumes(MediaType.WILDCARD)
public class EtsyWebhookResource {

    private static final String KNOWN_DELIVERY =
            "select 1 from webhook_intake where channel_id = $1 and delivery_id = $2";

    private final ChannelRepository channels;
    private final IntakeService intake;
    private final EtsyReceipts receipts;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final int maxBytes;

    public EtsyWebhookResource(
            ChannelRepository channels,
            IntakeService intake,
            EtsyReceipts receipts,
            Pool pool,
            ObjectMapper mapper,
            GatewayConfig config) {
        this.channels = channels;
        this.intake = intake;
        this.receipts = receipts;
        this.pool = pool;
        this.mapper = mapper;
        this.maxBytes = config.webhookMaxBytes();
    }

    @POST
    @Path("/{channelId}")
    public Uni<WebhookResource.Receipt> receive(
            @PathParam("channelId") String channelId,
            @RestHeader("webhook-id") String webhookId,
            @RestHeader("webhook-timestamp") String timestamp,
            @RestHeader("webhook-signature") String signature,
            byte[] body) {
        ProblemException unacceptable = WebhookResource.unacceptableBody(body, maxBytes);
        if (unacceptable != null) {
            return Uni.createFrom().failure(unacceptable);
        }
        return channels.find(channelId).flatMap(channel -> {
            if (channel == null || !channel.type().equals("etsy")) {
                throw new NotFoundProblem("No etsy channel " + channelId + ".");
            }
            if (!StandardWebhookSignature.valid(
                    channel.credential("webhookSecret"), webhookId, timestamp, body, signature, Instant.now())) {
                throw ProblemException.unauthorized(
                        "The webhook signature is missing, does not match the body or is outside the replay window.");
            }
            if (webhookId.length() > 200) {
                throw ProblemException.malformed("webhook-id is too long.");
            }
            EtsyAdapter.Notification notification = EtsyAdapter.notification(parse(body));
            if (!channel.active()) {
                throw new ProblemException(409, "channel-inactive", "Channel inactive", "The channel is not active.");
            }
            String deliveryId = webhookId.trim();
            String raw = new String(body, StandardCharsets.UTF_8);
            if (notification.receiptId() == null) {
                return accept(channel, deliveryId, notification.eventType(), ParsedWebhook.ignored(), raw);
            }
            String shopId = channel.setting("etsyShopId", notification.shopId());
            if (!shopId.equals(notification.shopId())) {
                throw ProblemException.malformed(
                        "The webhook is for shop " + notification.shopId() + ", this channel is shop " + shopId + ".");
            }
            // A redelivery of an accepted webhook needs no receipt read (and must not fail while Etsy's API is down);
            // the intake's unique delivery id still decides if two copies race.
            return pool.preparedQuery(KNOWN_DELIVERY)
                    .execute(Tuple.of(channel.id(), deliveryId))
                    .flatMap(rows -> rows.size() > 0
                            ? Uni.createFrom()
                                    .item(new WebhookResource.Receipt(IntakeService.Outcome.DUPLICATE.label()))
                            : receipts.fetch(channel, shopId, notification.receiptId())
                                    .map(EtsyAdapter::receipt)
                                    .flatMap(parsed ->
                                            accept(channel, deliveryId, notification.eventType(), parsed, raw)));
        });
    }

    private Uni<WebhookResource.Receipt> accept(
            dev.shelfsync.gateway.channel.Channel channel,
            String deliveryId,
            String topic,
            ParsedWebhook parsed,
            String raw) {
        return intake.accept(channel, deliveryId, topic, parsed, raw)
                .map(outcome -> new WebhookResource.Receipt(outcome.label()));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode json = mapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw ProblemException.malformed("The webhook body is not a JSON object.");
            }
            return json;
        } catch (IOException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The webhook body is not valid JSON.");
        }
    }
}
