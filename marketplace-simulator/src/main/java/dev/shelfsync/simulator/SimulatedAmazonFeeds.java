package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SP-API Feeds API (2021-06-30) of one simulated Amazon store, as far as refunds need it: createFeedDocument hands
 * out a pre-signed upload URL on the simulator itself, the upload is checked as S3 would (signature in the query,
 * the content type it was created for) and refused if it carries an SP-API access token or Authorization header (a
 * leak the real upload would not notice), createFeed processes an {@code OrderAdjustment} document at once (see
 * {@link PaymentAdjustments}); getFeeds and getFeed list what was created. Guarded by the owning
 * {@link SimulatedChannel}'s monitor.
 */
final class SimulatedAmazonFeeds {

    static final String FEEDS = "/feeds/2021-06-30/";
    static final String UPLOADS = "/feed-documents/";
    private static final String PAYMENT_ADJUSTMENT = "POST_PAYMENT_ADJUSTMENT_DATA";

    private static final class FeedDocument {
        final String contentType;
        final String signature;
        byte[] content;

        FeedDocument(String contentType, String signature) {
            this.contentType = contentType;
            this.signature = signature;
        }
    }

    private final ObjectMapper mapper;
    private final PaymentAdjustments adjustments;
    private final Map<String, FeedDocument> documents = new HashMap<>();
    private final List<AmazonFeed> feeds = new CopyOnWriteArrayList<>();
    private int failingCreates;
    private boolean createBeforeFailing;

    SimulatedAmazonFeeds(ObjectMapper mapper, SimulatedOrders orders) {
        this.mapper = mapper;
        this.adjustments = new PaymentAdjustments(orders);
    }

    List<AmazonFeed> feeds() {
        return List.copyOf(feeds);
    }

    /**
     * The next {@code times} createFeed requests answer 500; with {@code afterCreating} the feed is created all the
     * same (its answer is lost on the way back), otherwise nothing is created.
     */
    void failNextCreates(int times, boolean afterCreating) {
        failingCreates = Math.max(0, times);
        createBeforeFailing = afterCreating;
    }

    /** PUT to a pre-signed upload URL. */
    Reply upload(String method, String path, String query, Map<String, String> headers, byte[] body) {
        FeedDocument document = documents.get(path.substring(UPLOADS.length()));
        if (!method.equals("PUT") || document == null) {
            return s3Error(404, "NoSuchKey");
        }
        if (headers.containsKey("x-amz-access-token") || headers.containsKey("authorization")) {
            return s3Error(403, "credentials sent to a pre-signed URL");
        }
        String signature = SimulatedOrders.params(query).get("X-Amz-Signature");
        if (!document.signature.equals(signature)
                || !document.contentType.equalsIgnoreCase(headers.getOrDefault("content-type", ""))) {
            return s3Error(403, "SignatureDoesNotMatch");
        }
        document.content = body;
        return Reply.json(200, null);
    }

    /** Feeds API calls under {@value #FEEDS}. */
    Reply handle(String method, String path, String query, JsonNode body, String origin) {
        String operation = path.substring(FEEDS.length());
        if (method.equals("POST") && operation.equals("documents")) {
            String contentType = body.path("contentType").asText("");
            if (contentType.isBlank()) {
                return invalid("contentType is required");
            }
            String documentId = "amzn1.tortuga.4.eu." + UUID.randomUUID() + ".T3SIMFEEDDOC";
            String signature = Long.toHexString(ThreadLocalRandom.current().nextLong());
            documents.put(documentId, new FeedDocument(contentType, signature));
            ObjectNode answer = mapper.createObjectNode();
            answer.put("feedDocumentId", documentId);
            answer.put(
                    "url",
                    origin + UPLOADS + documentId + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300"
                            + "&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=" + signature);
            return Reply.json(201, answer);
        }
        if (method.equals("POST") && operation.equals("feeds")) {
            return createFeed(body);
        }
        if (method.equals("GET") && operation.equals("feeds")) {
            Map<String, String> params = SimulatedOrders.params(query);
            if (!params.containsKey("feedTypes") && !params.containsKey("nextToken")) {
                return invalid("feedTypes is required");
            }
            String type = params.get("feedTypes");
            Instant since = params.containsKey("createdSince")
                    ? OffsetDateTime.parse(params.get("createdSince")).toInstant()
                    : Instant.EPOCH;
            ArrayNode list = mapper.createArrayNode();
            for (AmazonFeed feed : feeds) {
                if ((type == null || type.equals(feed.feedType()))
                        && !feed.createdTime().isBefore(since)) {
                    list.add(json(feed));
                }
            }
            ObjectNode answer = mapper.createObjectNode();
            answer.set("feeds", list);
            return Reply.json(200, answer);
        }
        if (method.equals("GET") && operation.startsWith("feeds/")) {
            String feedId = operation.substring("feeds/".length());
            for (AmazonFeed feed : feeds) {
                if (feed.feedId().equals(feedId)) {
                    return Reply.json(200, json(feed));
                }
            }
            return error(404, "NotFound", "feed " + feedId + " not found");
        }
        return error(404, "NotFound", "operation not simulated");
    }

    private Reply createFeed(JsonNode body) {
        String type = body.path("feedType").asText("");
        JsonNode marketplaceIds = body.path("marketplaceIds");
        FeedDocument document = documents.get(body.path("inputFeedDocumentId").asText(""));
        if (!type.equals(PAYMENT_ADJUSTMENT)) {
            return invalid("feed type " + type + " is not simulated");
        }
        if (!marketplaceIds.isArray() || marketplaceIds.isEmpty()) {
            return invalid("marketplaceIds is required");
        }
        if (document == null || document.content == null) {
            return invalid("inputFeedDocumentId does not name an uploaded feed document");
        }
        boolean fail = failingCreates > 0;
        if (fail) {
            failingCreates--;
            if (!createBeforeFailing) {
                return error(500, "InternalFailure", "simulated createFeed failure");
            }
        }
        String feedId = Long.toString(50_000_000_000L + feeds.size() + 1);
        String content = new String(document.content, StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        marketplaceIds.forEach(id -> ids.add(id.asText()));
        List<String> errors = adjustments.apply(feedId, content);
        feeds.add(new AmazonFeed(feedId, type, ids, Instant.now(), "DONE", content, List.copyOf(errors)));
        if (fail) {
            return error(500, "InternalFailure", "simulated failure after the feed was created");
        }
        ObjectNode answer = mapper.createObjectNode();
        answer.put("feedId", feedId);
        return Reply.json(202, answer);
    }

    private ObjectNode json(AmazonFeed feed) {
        ObjectNode node = mapper.createObjectNode();
        node.put("feedId", feed.feedId());
        node.put("feedType", feed.feedType());
        ArrayNode ids = node.putArray("marketplaceIds");
        feed.marketplaceIds().forEach(ids::add);
        node.put("createdTime", feed.createdTime().toString());
        node.put("processingStatus", feed.processingStatus());
        node.put("processingStartTime", feed.createdTime().toString());
        node.put("processingEndTime", feed.createdTime().toString());
        return node;
    }

    private Reply invalid(String message) {
        return error(400, "InvalidInput", message);
    }

    private Reply error(int status, String code, String message) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("errors").addObject().put("code", code).put("message", message);
        return Reply.json(status, node);
    }

    private Reply s3Error(int status, String code) {
        ObjectNode node = mapper.createObjectNode();
        node.put("Code", code);
        return Reply.json(status, node);
    }
}
