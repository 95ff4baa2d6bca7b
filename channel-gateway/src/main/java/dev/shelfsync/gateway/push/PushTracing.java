package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.platform.tracing.TraceParents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;

/**
 * The span of one quantity push and the {@code traceparent} header that carries it to the marketplace. A push is a
 * child of the webhook of the first sale in flight it subtracts, so that sale's trace reaches every channel it
 * lowered; the other sales' webhooks are linked. The JDK client the pushers use is not instrumented, hence by hand.
 */
final class PushTracing {

    private final Tracer tracer;

    PushTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    Span start(Channel channel, List<PendingPush> batch) {
        List<String> sales = batch.stream()
                .flatMap(item -> item.salesTraceParents().stream())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        SpanBuilder span = tracer.spanBuilder("push " + channel.type())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("shelfsync.channel", channel.id())
                .setAttribute("shelfsync.listings", batch.size());
        if (sales.isEmpty()) {
            span.setNoParent();
        } else {
            span.setParent(TraceParents.parent(sales.get(0)));
            sales.stream()
                    .skip(1)
                    .forEach(other -> span.addLink(
                            Span.fromContext(TraceParents.parent(other)).getSpanContext()));
        }
        return span.startSpan();
    }

    /** The request with the span's traceparent; unchanged while tracing is off. */
    static HttpRequest carrying(HttpRequest request, Span span) {
        String traceParent = TraceParents.of(span);
        return traceParent == null
                ? request
                : HttpRequest.newBuilder(request, (name, value) -> true)
                        .header(TraceParents.HEADER, traceParent)
                        .build();
    }

    static void end(Span span, PushOutcome outcome) {
        span.setAttribute("shelfsync.outcome", outcome.getClass().getSimpleName());
        if (!(outcome instanceof PushOutcome.Accepted)) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
