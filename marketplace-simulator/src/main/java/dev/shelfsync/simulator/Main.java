package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a process: {@code java -jar marketplace-simulator-<version>-all.jar config.json}. The config
 * is {@link SimulatorConfig} as JSON: {@code {"host":"127.0.0.1","port":9090,"channels":[{"id":"shopify-main",
 * "type":"shopify","webhookSecret":"...","gatewayUrl":"http://127.0.0.1:8084","rateLimitPerSecond":2,
 * "listings":{"4711":5}}]}}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java -jar marketplace-simulator-all.jar <config.json>");
            System.exit(2);
        }
        SimulatorConfig config = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readValue(Path.of(args[0]).toFile(), SimulatorConfig.class);
        MarketplaceSimulator simulator = MarketplaceSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }));
        for (ChannelConfig channel : config.channels()) {
            System.out.printf(
                    "marketplace-simulator: %s channel %s at %s (control: http://%s:%d/_sim/%s/listings)%n",
                    channel.type(),
                    channel.id(),
                    simulator.apiBaseUrl(channel.id()),
                    config.host(),
                    simulator.port(),
                    channel.id());
        }
        System.out.flush();
        stopped.await();
    }
}
