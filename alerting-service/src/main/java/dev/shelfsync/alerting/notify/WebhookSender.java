package dev.shelfsync.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.alerting.alert.AlertView;
import dev.shelfsync.alerting.config.AlertingConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts an alert as signed JSON (the alert itself, or a Slack-compatible {@code text} body). */
@ApplicationScoped
public class WebhookSender {

    private final ObjectMapper mapper;
    private final AlertingConfig config;
    private final HttpClient client;

    public WebhookSender(ObjectMapper mapper, AlertingConfig config) {
        this.mapper = mapper;
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.delivery().timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Uni<Outcome> send(Delivery delivery) {
        String secret = delivery.secret() != null
                ? delivery.secret()
                : config.webhook().defaultSecret().orElse(null);
        if (secret == null) {
            return Uni.createFrom().item(Outcome.failed(null, "no signing secret for this target"));
        }
        String body;
        try {
            body = mapper.writeValueAsString(body(delivery));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(Outcome.failed(e));
        }
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(config.delivery().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "shelfsync-alerting")
                    .header(Signatures.TIMESTAMP_HEADER, timestamp)
                    .header(Signatures.SIGNATURE_HEADER, Signatures.sign(secret, timestamp, body))
                    .header(
                            Signatures.DELIVERY_HEADER,
                            delivery.notificationId().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Outcome.failed(null, "invalid webhook URL"));
        }
        return Uni.createFrom()
                .completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> response.statusCode() / 100 == 2
                        ? Outcome.ok(response.statusCode())
                        : Outcome.failed(response.statusCode(), "HTTP " + response.statusCode()))
                .onFailure()
                .recoverWithItem(Outcome::failed);
    }

    private static Object body(Delivery delivery) {
        AlertView alert = delivery.alert();
        if ("slack".equals(delivery.format())) {
            return Map.of("text", Messages.headline(alert) + "\n" + alert.summary());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "alert.raised");
        body.put("alert", alert);
        return body;
    }
}
