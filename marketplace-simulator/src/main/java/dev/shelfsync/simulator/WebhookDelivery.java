package dev.shelfsync.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Posts the marketplaces' order webhooks to the gateway and keeps every one sent, so it can be sent again. */
final class WebhookDelivery {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, NativeOrders.Webhook> sent = new ConcurrentHashMap<>();

    /** Keeps the webhook under its delivery id, whether or not it is ever delivered. */
    void keep(NativeOrders.Webhook webhook) {
        sent.put(webhook.deliveryId(), webhook);
    }

    /** A webhook kept earlier; refuses a delivery id that was never kept. */
    NativeOrders.Webhook kept(String deliveryId) {
        NativeOrders.Webhook webhook = sent.get(deliveryId);
        if (webhook == null) {
            throw new IllegalArgumentException("no webhook " + deliveryId + " was sent");
        }
        return webhook;
    }

    /** Sends the webhook to the channel's gateway; returns the gateway's status, 0 when it could not be reached. */
    int deliver(ChannelConfig channel, NativeOrders.Webhook webhook) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stripSlash(channel.gatewayUrl()) + webhook.path()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
