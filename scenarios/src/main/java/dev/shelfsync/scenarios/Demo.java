package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The README's one command: starts Shelfsync's five services locally, simulated Shopify, Amazon and WooCommerce
 * stores, runs the flash sale with its report and plot, then keeps everything running for a look around (Ctrl-C
 * stops it; {@code --exit} stops after the report). Other flags go to {@link FlashSale.Options}.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(LocalServers.env("SHELFSYNC_HOME", "."))
                .toAbsolutePath()
                .normalize();
        boolean exit = Arrays.asList(args).contains("--exit");
        FlashSale.Options options = FlashSale.Options.parse(args, root);
        System.out.println("Starting Shelfsync (5 services) on ports 8081-8085; logs in run/logs/shelfsync ...");
        LocalSystem system = LocalSystem.start(Deployment.LOCAL, root);
        String console = exit ? null : system.startConsole();
        FlashSale.Report report = new FlashSale(system, options).run();
        System.out.println();
        System.out.println(report.text());
        System.out.println("Report: " + report.markdown());
        System.out.println("        " + report.directory().resolve("flash-sale.json"));
        report.plots().forEach(p -> System.out.println("Plot:   " + p));
        if (exit) {
            system.close();
            return;
        }
        MarketplaceSimulator marketplaces = playground(system);
        System.out.println();
        System.out.println("Shelfsync is running. Where to look:");
        for (String service : LocalSystem.SERVICES.keySet()) {
            String url = system.url(service);
            System.out.printf("  %-9s %s   (%s/q/health, %s/q/openapi, %s/q/metrics)%n", service, url, url, url, url);
        }
        System.out.println("  console   " + console
                + "   sign in as e.g. ana / warehouse-staff / wh-east, or olga / merchant-ops");
        System.out.println("  simulated marketplaces (SKU DEMO-MUG, 25 units, listings 1001 / DEMO-MUG-AMZ / 1001):");
        for (String channel : List.of("shopify-demo", "amazon-demo", "woocommerce-demo")) {
            String base = "http://127.0.0.1:" + marketplaces.port() + "/_sim/" + channel;
            System.out.printf("    %s: GET %s/listings, GET %s/pushes, POST %s/sell%n", channel, base, base, base);
        }
        System.out.println(
                "  e.g. curl -X POST -H 'Content-Type: application/json' -d '{\"listingId\":\"1001\",\"quantity\":2}' "
                        + "http://127.0.0.1:" + marketplaces.port() + "/_sim/shopify-demo/sell");
        System.out.println("  the APIs want a bearer token (README, \"Calling the APIs\"):");
        System.out.println("    TOKEN=$(scripts/mint-token.sh olga merchant-ops)");
        System.out.println(
                "    curl -H \"Authorization: Bearer $TOKEN\" '" + system.url("inventory") + "/stock?limit=5'");
        System.out.println("Press Ctrl-C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            marketplaces.close();
            system.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** A long-lived set of simulated stores with one SKU, to sell by hand through the simulator's control API. */
    private static MarketplaceSimulator playground(LocalSystem system) {
        Shelfsync shelfsync = new Shelfsync(system, new Http(2, system.token("scenario", List.of("admin"), List.of())));
        String gateway = system.url("gateway");
        List<ChannelConfig> channels = new ArrayList<>(List.of(
                ChannelConfig.of("shopify-demo", "shopify", "whsec-shopify-demo", gateway, 40),
                ChannelConfig.of("amazon-demo", "amazon", "whsec-amazon-demo", gateway, 5),
                ChannelConfig.of("woocommerce-demo", "woocommerce", "whsec-woocommerce-demo", gateway, 20)));
        MarketplaceSimulator marketplaces = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, channels));
        shelfsync.sku("DEMO-MUG", "Demo mug");
        shelfsync.receive("DEMO-MUG", "wh-east", 15);
        shelfsync.receive("DEMO-MUG", "wh-west", 10);
        for (ChannelConfig channel : channels) {
            shelfsync.channel(
                    channel.id(),
                    channel.type(),
                    channel.webhookSecret(),
                    marketplaces.apiBaseUrl(channel.id()),
                    channel.rateLimitPerSecond());
            shelfsync.listing(channel.id(), channel.type().equals("amazon") ? "DEMO-MUG-AMZ" : "1001", "DEMO-MUG");
        }
        return marketplaces;
    }
}
