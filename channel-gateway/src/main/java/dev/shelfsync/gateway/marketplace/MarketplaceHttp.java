package dev.shelfsync.gateway.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.platform.tracing.TraceParents;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Blocking calls to a marketplace's API for the order-update sender and the reconciliation sweeps (both run on their
 * own worker threads, never on an event loop): authentication per marketplace, no redirects (SSRF), a time limit per
 * request, and one classification of what came back.
 */
public final class MarketplaceHttp {

    /** Shopify Admin API version for order calls ({@code refundCreate} takes {@code @idempotent} from 2026-01). */
    public static final String SHOPIFY_ORDERS_API_VERSION = "2026-01";

    /** A marketplace answer, or why there was none. */
    public sealed interface Result {
        /** 2xx; {@code body} is the parsed JSON (an empty object for an empty body); headers carry paging links. */
        record Ok(int status, JsonNode body, HttpHeaders headers) implements Result {
            public Ok(int status, JsonNode body) {
                this(status, body, HttpHeaders.of(Map.of(), (name, value) -> true));
            }
        }

        /** 429: try again after the given pause. */
        record Throttled(Duration retryAfter) implements Result {}

        /** 5xx, 408, timeout or connection failure: retry with backoff. */
        record Failed(String reason) implements Result {}

        /** Any other 3xx/4xx: the marketplace refused the request itself. */
        record Refused(int status, String reason) implements Result {}
    }

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public MarketplaceHttp(ObjectMapper mapper, Duration timeout) {
        this.mapper = mapper;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public Result get(Channel channel, String path) {
        return send(channel, path, "GET", null, null);
    }

    public Result send(Channel channel, String path, String method, Object body, String idempotencyKey) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(base(channel) + path))
                    .timeout(timeout)
                    .header("Accept", "application/json");
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Result.Refused(0, "request could not be built");
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        authorize(builder, channel);
        String traceParent = TraceParents.current();
        if (traceParent != null) {
            // The order update or sweep this call belongs to, followed into the marketplace (JDK client: by hand).
            builder.header(TraceParents.HEADER, traceParent);
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Result.Failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        }
        int status = response.statusCode();
        if (status == 429) {
            return new Result.Throttled(retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            return new Result.Failed("HTTP " + status);
        }
        if (status >= 300) {
            return new Result.Refused(status, "HTTP " + status);
        }
        try {
            String text = response.body();
            return new Result.Ok(
                    status,
                    text == null || text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text),
                    response.headers());
        } catch (IOException e) {
            return new Result.Failed("unreadable response");
        }
    }

    /**
     * PUTs a document to a URL the marketplace handed out (an SP-API feed document's pre-signed upload URL). The URL
     * carries its own signature, so no channel credential is sent with it; the caller checks it against SSRF first.
     */
    public Result upload(String url, String contentType, byte[] content) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Result.Refused(0, "upload URL is not usable");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Result.Failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        }
        int status = response.statusCode();
        if (status == 429 || status == 503) {
            return new Result.Throttled(retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            return new Result.Failed("upload HTTP " + status);
        }
        if (status >= 300) {
            // S3 answers 403 once a pre-signed URL has expired.
            return new Result.Refused(status, "upload HTTP " + status);
        }
        return new Result.Ok(status, mapper.createObjectNode(), response.headers());
    }

    /** Shopify GraphQL: THROTTLED errors become {@link Result.Throttled}, other top-level errors a refusal. */
    public Result shopifyGraphql(Channel channel, String query, Object variables) {
        var body = mapper.createObjectNode();
        body.put("query", query);
        body.set("variables", mapper.valueToTree(variables));
        Result result = send(channel, "/admin/api/" + SHOPIFY_ORDERS_API_VERSION + "/graphql.json", "POST", body, null);
        if (result instanceof Result.Ok ok && ok.body().has("errors")) {
            for (JsonNode error : ok.body().path("errors")) {
                if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                    return new Result.Throttled(Duration.ofSeconds(1));
                }
            }
            return new Result.Refused(
                    200,
                    "GraphQL errors: "
                            + ok.body().path("errors").path(0).path("message").asText());
        }
        return result;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String base(Channel channel) {
        String base = channel.apiBaseUrl();
        if (base == null) {
            throw new IllegalArgumentException("channel has no API base URL");
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static void authorize(HttpRequest.Builder builder, Channel channel) {
        String token = channel.credential("apiToken");
        switch (channel.type()) {
            case "shopify" -> header(builder, "X-Shopify-Access-Token", token);
            case "amazon" -> header(builder, "x-amz-access-token", token);
            case "etsy" -> {
                header(builder, "x-api-key", channel.credential("apiKey"));
                header(builder, "Authorization", token == null ? null : "Bearer " + token);
            }
            case "woocommerce" -> {
                String key = channel.credential("consumerKey");
                String secret = channel.credential("consumerSecret");
                if (key != null && secret != null) {
                    header(
                            builder,
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
                }
            }
            default -> header(builder, "Authorization", token == null ? null : "Bearer " + token);
        }
    }

    private static void header(HttpRequest.Builder builder, String name, String value) {
        if (value != null && !value.isBlank()) {
            builder.header(name, value);
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        Duration fallback = Duration.ofSeconds(1);
        if (value == null) {
            return fallback;
        }
        Duration parsed;
        try {
            parsed = Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                parsed = Duration.between(ZonedDateTime.now(at.getZone()), at);
            } catch (RuntimeException unparsable) {
                return fallback;
            }
        }
        if (parsed.isNegative()) {
            return Duration.ZERO;
        }
        return parsed.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : parsed;
    }
}
