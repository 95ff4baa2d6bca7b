package dev.shelfsync.systemtests;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP receiver for the system tests: accepts the protobuf {@code ExportTraceServiceRequest} the services
 * post to {@code /v1/traces} and keeps every span with the name of the service that sent it.
 */
final class TraceCollector implements AutoCloseable {

    /** One received span, ids in lowercase hex; {@code parentSpanId} is empty for a root. */
    record ReceivedSpan(String service, String name, String traceId, String spanId, String parentSpanId) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    static TraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TraceCollector collector = new TraceCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    collector.receive(ExportTraceServiceRequest.parseFrom(body));
                    byte[] answer =
                            ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                } catch (IOException | RuntimeException e) {
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the trace collector", e);
        }
    }

    /** What the services' OTLP exporter is pointed at (it appends /v1/traces). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(attribute -> attribute.getKey().equals("service.name"))
                    .map(KeyValue::getValue)
                    .map(value -> value.getStringValue())
                    .findFirst()
                    .orElse("unknown");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList()
                        .forEach(span -> spans.add(new ReceivedSpan(
                                service,
                                span.getName(),
                                hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()),
                                hex.formatHex(span.getParentSpanId().toByteArray()))));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
