package dev.shelfsync.alerting.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP endpoint that records every webhook call and answers with a chosen status. */
public final class WebhookReceiver implements AutoCloseable {

    /** One received call. */
    public record Call(String signature, String timestamp, String delivery, String body) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger status;

    public WebhookReceiver(int status) throws IOException {
        this.status = new AtomicInteger(status);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(
                    exchange.getRequestHeaders().getFirst("X-Shelfsync-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Shelfsync-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Shelfsync-Delivery"),
                    body));
            exchange.sendResponseHeaders(this.status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void answer(int status) {
        this.status.set(status);
    }

    /** Calls whose body mentions the given text (e.g. an alert id), so other tests' alerts do not count. */
    public List<Call> callsMentioning(String text) {
        return calls.stream().filter(call -> call.body().contains(text)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
