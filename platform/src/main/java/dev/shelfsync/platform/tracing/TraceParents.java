package dev.shelfsync.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * The current span as a W3C {@code traceparent} value, to be stored with work another transaction or process picks
 * up later (an outbox row, a sale in flight), and back as the parent of what that work does.
 *
 * <p>With tracing disabled there is no valid span, nothing is formatted and null is stored: the cost on the order
 * path is one context lookup.
 */
public final class TraceParents {

    /** The header name of the W3C Trace Context specification. */
    public static final String HEADER = "traceparent";

    private TraceParents() {}

    /** {@code 00-<trace id>-<span id>-<flags>} of the current span, or null when there is none. */
    public static String current() {
        return of(Span.current());
    }

    /** {@code 00-<trace id>-<span id>-<flags>} of the span, or null when it is not a real one (tracing off). */
    public static String of(Span current) {
        SpanContext span = current.getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /**
     * A context whose span is the remote parent a stored {@code traceparent} names; the root context when it is null
     * or not of the version-00 form (the column is written only by {@link #current()}, so that means none).
     */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.length() != 55 || !traceparent.startsWith("00-")) {
            return Context.root();
        }
        SpanContext remote = SpanContext.createFromRemoteParent(
                traceparent.substring(3, 35),
                traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53),
                TraceState.getDefault());
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
    }
}
