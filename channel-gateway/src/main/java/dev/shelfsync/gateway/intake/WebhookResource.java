package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.error.ProblemException;
import dev.shelfsync.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Marketplace webhooks. Each takes the raw body, checks its size, verifies the signature on exactly those bytes, parses
 * it with that marketplace's adapter and answers 200 only after the intake committed. Anything refused stores nothing.
 */
// Marketplaces carry no token: each webhook is authenticated by its signature over the raw body.
@PermitAll
@Path("/webhooks")
@Consumes(MediaType.WILDCARD)
public class WebhookResource {

    /** The webhook answer: what happened to the delivery. */
    public record Receipt(String status) {}

    private final ChannelRepository channels;
    private final IntakeService intake;
    private final AmazonIntake amazonIntake;
    private final ObjectMapper mapper;
    private final int maxBytes;

    public WebhookResource(
            ChannelRepository channels,
            IntakeService intake,
            AmazonIntake amazonIntake,
            ObjectMapper mapper,
            GatewayConfig config) {
        this.channels = channels;
        this.intake = intake;
        this.amazonIntake = amazonIntake;
        this.mapper = mapper;
        this.maxBytes = config.webhookMaxBytes();
    }

    @POST
    @Path("/shopify/{channelId}")
    public Uni<Receipt> shopify(
            @PathParam("channelId") String channelId,
            @RestHeader("X-Shopify-Hmac-Sha256") String signature,
            @RestHeader("X-Shopify-Webhook-Id") String webhookId,
            @RestHeader("X-Shopify-Topic") String topic,
            byte[] body) {
        return receive(
                channelId,
                "shopify",
                body,
                channel -> {
                    verifyHmac(channel, body, signature);
                    return required(webhookId, "X-Shopify-Webhook-Id");
                },
                (channel, json) -> ShopifyAdapter.parse(required(topic, "X-Shopify-Topic"), json),
                topic);
    }

    @POST
    @Path("/woocommerce/{channelId}")
    public Uni<Receipt> woocommerce(
            @PathParam("channelId") String channelId,
            @RestHeader("X-WC-Webhook-Signature") String signature,
            @RestHeader("X-WC-Webhook-Delivery-ID") String deliveryId,
            @RestHeader("X-WC-Webhook-Topic") String topic,
            byte[] body) {
        return receive(
                channelId,
                "woocommerce",
                body,
                channel -> {
                    verifyHmac(channel, body, signature);
                    return required(deliveryId, "X-WC-Webhook-Delivery-ID");
                },
                (channel, json) -> WooCommerceAdapter.parse(required(topic, "X-WC-Webhook-Topic"), json),
                topic);
    }

    @POST
    @Path("/amazon/{channelId}")
    public Uni<Receipt> amazon(
            @PathParam("channelId") String channelId,
            @RestHeader("X-Shelfsync-Signature") String signature,
            byte[] body) {
        return receiveAsync(
                channelId,
                "amazon",
                body,
                channel -> {
                    verifyHmac(channel, body, signature);
                    return null;
                },
                (channel, deliveryId, json) -> amazonIntake.complete(channel, deliveryId, AmazonAdapter.parse(json)),
                "ORDER_CHANGE");
    }

    @POST
    @Path("/custom/{channelId}")
    public Uni<Receipt> custom(
            @PathParam("channelId") String channelId,
            @RestHeader("X-Api-Key") String apiKey,
            @RestHeader("Idempotency-Key") String idempotencyKey,
            byte[] body) {
        return receive(
                channelId,
                "custom",
                body,
                channel -> {
                    if (!WebhookSignatures.sameKey(channel.credential("apiKey"), apiKey)) {
                        throw ProblemException.unauthorized("The API key is missing or wrong.");
                    }
                    return required(idempotencyKey, "Idempotency-Key");
                },
                (channel, json) -> CustomAdapter.parse(json),
                "custom");
    }

    private interface Verifier {
        /** Verifies the request and returns the delivery id (null when it comes from the body). */
        String verify(Channel channel);
    }

    /** Parses a verified webhook, possibly reading the marketplace's API first; nothing is stored before it ends. */
    private interface AsyncParser {
        Uni<ParsedWebhook> parse(Channel channel, String deliveryId, JsonNode json);
    }

    private Uni<Receipt> receive(
            String channelId,
            String type,
            byte[] body,
            Verifier verifier,
            BiFunction<Channel, JsonNode, ParsedWebhook> parser,
            String topic) {
        return receiveAsync(
                channelId,
                type,
                body,
                verifier,
                (channel, deliveryId, json) -> Uni.createFrom().item(parser.apply(channel, json)),
                topic);
    }

    private Uni<Receipt> receiveAsync(
            String channelId, String type, byte[] body, Verifier verifier, AsyncParser parser, String topic) {
        ProblemException unacceptable = WebhookResource.unacceptableBody(body, maxBytes);
        if (unacceptable != null) {
            return Uni.createFrom().failure(unacceptable);
        }
        return channels.find(channelId).flatMap(channel -> {
            if (channel == null || !channel.type().equals(type)) {
                throw new NotFoundProblem("No " + type + " channel " + channelId + ".");
            }
            String deliveryId = verifier.verify(channel);
            JsonNode json = parse(body);
            if (deliveryId == null) {
                deliveryId = AmazonAdapter.deliveryId(json);
            }
            if (!channel.active()) {
                throw new ProblemException(409, "channel-inactive", "Channel inactive", "The channel is not active.");
            }
            String delivery = deliveryId;
            return parser.parse(channel, delivery, json)
                    .flatMap(webhook ->
                            intake.accept(channel, delivery, topic, webhook, new String(body, StandardCharsets.UTF_8)))
                    .map(outcome -> new Receipt(outcome.label()));
        });
    }

    /** An empty or oversized body, refused before anything is read or stored; null when the body is acceptable. */
    static ProblemException unacceptableBody(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            return ProblemException.malformed("The request body is empty.");
        }
        if (body.length > maxBytes) {
            return new ProblemException(
                    413,
                    "payload-too-large",
                    "Payload too large",
                    "Webhook bodies are limited to " + maxBytes + " bytes.");
        }
        return null;
    }

    private static void verifyHmac(Channel channel, byte[] body, String signature) {
        if (!WebhookSignatures.validHmacBase64(channel.credential("webhookSecret"), body, signature)) {
            throw ProblemException.unauthorized("The webhook signature is missing or does not match the body.");
        }
    }

    private static String required(String header, String name) {
        if (header == null || header.isBlank() || header.length() > 200) {
            throw new ProblemException(400, "missing-header", "Missing header", "Header " + name + " is required.");
        }
        return header.trim();
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
