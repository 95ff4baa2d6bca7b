package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.channel.Channel;
import io.opentelemetry.api.trace.Span;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One push on the wire, without blocking a thread: sends the batch's request under its span (for Etsy, the
 * inventory read and then its update) and reads the marketplace's answer, or the failure to get one, into a
 * {@link PushOutcome}.
 */
final class PushSender {

    private final MarketplaceApi api;
    private final PushAnswers answers;
    private final HttpClient http;
    private final Duration timeout;
    private final PushTracing tracing;

    PushSender(MarketplaceApi api, PushAnswers answers, HttpClient http, Duration timeout, PushTracing tracing) {
        this.api = api;
        this.answers = answers;
        this.http = http;
        this.timeout = timeout;
        this.tracing = tracing;
    }

    CompletableFuture<PushOutcome> send(Channel channel, List<PendingPush> batch, HttpRequest request) {
        Span span = tracing.start(channel, batch);
        CompletableFuture<HttpResponse<String>> response =
                http.sendAsync(PushTracing.carrying(request, span), HttpResponse.BodyHandlers.ofString());
        if (channel.type().equals("etsy")) {
            response = response.thenCompose(read -> read.statusCode() / 100 != 2
                    ? CompletableFuture.completedFuture(read)
                    : sendEtsyUpdate(channel, batch.get(0), read.body()));
        }
        return response.handle((answer, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            PushOutcome outcome = cause instanceof EtsyInventory.Unmappable unmappable
                    ? new PushOutcome.Rejected(unmappable.getMessage())
                    : cause != null
                            ? new PushOutcome.Failed(cause.getClass().getSimpleName())
                            : answers.outcome(channel, batch, answer);
            PushTracing.end(span, outcome);
            return outcome;
        });
    }

    private CompletableFuture<HttpResponse<String>> sendEtsyUpdate(Channel channel, PendingPush item, String read) {
        try {
            return http.sendAsync(api.etsyUpdate(channel, item, read, timeout), HttpResponse.BodyHandlers.ofString());
        } catch (EtsyInventory.Unmappable e) {
            return CompletableFuture.failedFuture(e);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new EtsyInventory.Unmappable("unreadable Etsy inventory"));
        }
    }
}
