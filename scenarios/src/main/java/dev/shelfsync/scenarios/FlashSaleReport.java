package dev.shelfsync.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The flash sale's report: the markdown tables, one plot per run and the raw figures as JSON. */
final class FlashSaleReport {

    /**
     * One run of the sale.
     *
     * @param aboveSellable per channel, the largest shelf above the true sellable stock
     * @param aboveFence per fenced channel, the largest shelf above what was left of its fence (empty: shared pool)
     * @param buffers per channel, its buffer when buying stopped, in words
     */
    record Run(
            SaleAnalysis.Result result,
            List<SaleAnalysis.Sample> samples,
            Instant start,
            String notes,
            Map<String, Integer> aboveSellable,
            Map<String, Integer> aboveFence,
            Map<String, String> buffers) {}

    private final FlashSale.Options options;
    private final String policyName;

    FlashSaleReport(FlashSale.Options options, String policyName) {
        this.options = options;
        this.policyName = policyName;
    }

    FlashSale.Report write(List<Run> runs) {
        try {
            Path dir = options.reportRoot()
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(dir);
            List<Path> plots = new ArrayList<>();
            for (Run run : runs) {
                Path svg = dir.resolve("flash-sale-" + run.result().label() + ".svg");
                Files.writeString(svg, plot(run));
                plots.add(svg);
            }
            String text = markdown(runs, plots);
            Path md = dir.resolve("flash-sale.md");
            Files.writeString(md, text);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("options", options.toString());
            json.put("runs", runs.stream().map(Run::result).toList());
            json.put("notes", runs.stream().map(Run::notes).toList());
            Files.writeString(dir.resolve("flash-sale.json"), Http.JSON.writeValueAsString(json));
            return new FlashSale.Report(runs.stream().map(Run::result).toList(), dir, md, plots, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String plot(Run run) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        List<double[]> sellable = new ArrayList<>();
        for (SaleAnalysis.Sample sample : run.samples()) {
            double t = Duration.between(run.start(), sample.at()).toNanos() / 1e9;
            sample.listed().forEach((channel, q) -> lines.computeIfAbsent(channel, c -> new ArrayList<>())
                    .add(new double[] {t, q == null ? 0 : q}));
            sellable.add(new double[] {t, sample.sellable()});
        }
        List<SvgPlot.Series> series = new ArrayList<>();
        lines.forEach((channel, points) -> series.add(new SvgPlot.Series(channel + " listed", points, false)));
        series.add(new SvgPlot.Series("true sellable (inventory)", sellable, true));
        SaleAnalysis.Result r = run.result();
        return SvgPlot.render(
                "Flash sale (" + r.label() + "): listed quantity per channel vs true sellable stock",
                String.format(
                        Locale.ROOT,
                        "%d units, %d reserved, %d oversold, %d stranded; %s",
                        r.stockUnits(),
                        r.unitsReserved(),
                        r.oversoldUnits(),
                        r.strandedUnits(),
                        r.label().equals("live") ? "real-time sync" : "scheduled sync (compressed)"),
                series);
    }

    private String markdown(List<Run> runs, List<Path> plots) {
        StringBuilder md = new StringBuilder("# Flash sale report\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d units of one SKU (60%% east, 40%% west warehouse); channels %s; %d buyers/s per channel for %.1f s"
                        + " (%d attempts per channel, 1 unit each); policy: %s.%n%n",
                options.units(),
                String.join(", ", options.channels()),
                options.buyersPerSecond(),
                options.durationSeconds(),
                Math.round(options.buyersPerSecond() * options.durationSeconds()),
                policyName));
        md.append("| | ")
                .append(String.join(
                        " | ", runs.stream().map(r -> r.result().label()).toList()))
                .append(" |\n");
        md.append("|---|").append("---|".repeat(runs.size())).append('\n');
        row(md, runs, "units in stock", r -> String.valueOf(r.stockUnits()));
        row(md, runs, "units sold and reserved", r -> String.valueOf(r.unitsReserved()));
        row(md, runs, "**oversold units**", r -> "**" + r.oversoldUnits() + "**");
        row(md, runs, "stranded units (left, shown nowhere)", r -> String.valueOf(r.strandedUnits()));
        row(md, runs, "sellable at the end", r -> String.valueOf(r.finalSellable()));
        row(md, runs, "orders unresolved after 90 s", r -> String.valueOf(r.unresolvedOrders()));
        row(md, runs, "webhook errors (non-200)", r -> String.valueOf(r.errors()));
        row(md, runs, "sync latency sale -> other channel", r -> r.syncLatency().format());
        row(md, runs, "pairs with no push reflecting the sale", r -> String.valueOf(r.latencyPairsWithoutPush()));
        row(md, runs, "buyer attempts/s", r -> String.format(Locale.ROOT, "%.0f", r.attemptsPerSecond()));
        row(md, runs, "webhooks accepted/s", r -> String.format(Locale.ROOT, "%.1f", r.acceptedWebhooksPerSecond()));
        for (Run run : runs) {
            SaleAnalysis.Result r = run.result();
            md.append("\n## ")
                    .append(r.label())
                    .append("\n\n")
                    .append(r.model())
                    .append(".\n\n");
            md.append("| channel | attempted | sold by marketplace | accepted by gateway | reserved | oversold |"
                    + " webhook errors | s at 0 with stock | latency to this channel | largest shelf above its fence"
                    + " / above sellable | buffer when buying stopped |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (SaleAnalysis.ChannelStats c : r.channels()) {
                Integer aboveFence = run.aboveFence().get(c.channelId());
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %d | %d | %d | %d | %.1f | %s | %s / %d | %s |%n",
                        c.channelId(),
                        c.attempted(),
                        c.soldByMarketplace(),
                        c.acceptedByGateway(),
                        c.reserved(),
                        c.oversold(),
                        c.gatewayErrors(),
                        c.secondsAtZeroWithStock(),
                        c.latencyToThisChannel().format(),
                        aboveFence == null ? "-" : String.valueOf(aboveFence),
                        run.aboveSellable().getOrDefault(c.channelId(), 0),
                        run.buffers().getOrDefault(c.channelId(), "-")));
            }
            md.append("\n").append(run.notes()).append(".\n");
        }
        md.append("\n## Definitions\n\n")
                .append("- Oversold: a unit a marketplace sold (it showed stock, the gateway accepted the signed"
                        + " webhook) whose order Shelfsync could not reserve; routing ended it backordered, unfulfillable"
                        + " or cancelled.\n")
                .append("- Stranded: sellable stock at the end that no channel offered (sellable minus the highest"
                        + " listed quantity; demand lasted the whole window). 's at 0 with stock': time a channel showed"
                        + " 0 while inventory still had sellable units (includes the safety buffer by design).\n")
                .append("- Sync latency: for each reserved sale S (availability version v(S), known from the ledger"
                        + " order: inventory bumps the SKU version once per reservation transaction) and each other"
                        + " channel C, from the buyer's purchase on S's marketplace (the webhook leaves at once) to"
                        + " the arrival at C of the first push for that listing that accounts for S: carrying a"
                        + " version >= v(S), or naming S among the sales in flight it subtracted (the gateway lowers"
                        + " every channel as soon as it has committed the webhook, before inventory answers). In the"
                        + " scheduled baseline 'arrival' is when the scheduled copy made the value visible to buyers."
                        + " Nearest-rank percentiles.\n")
                .append("- Throughput: attempts and accepted webhooks per second of the buying window.\n")
                .append("- Largest shelf above its fence / above sellable: over the samples, how far a store's listed"
                        + " quantity ran ahead of what was left of its own fence (ring-fenced: 0 by construction, '-'"
                        + " for a shared pool) and of the true sellable stock, the units less every store's sales so"
                        + " far (each unit above can be oversold).\n")
                .append("- Buffer when buying stopped: from inventory's explanation; an auto buffer is the units the"
                        + " other channels sold per second times the channel's sync lag (p99 measured by the gateway,"
                        + " or assumed until measured), rounded up.\n")
                .append("- Ring-fenced: a sale inside its channel's fence changes no other channel's number, so no push"
                        + " follows it and the live sync latency has no samples. The scheduled baseline copies each"
                        + " store's last push, which for a fenced channel is its first fence (its own sales are never"
                        + " pushed back to it), so there it overstates what a scheduled sync would oversell.\n");
        md.append("\nPlots: ");
        plots.forEach(p -> md.append(p.getFileName()).append(' '));
        md.append('\n');
        return md.toString();
    }

    private static void row(
            StringBuilder md,
            List<Run> runs,
            String name,
            java.util.function.Function<SaleAnalysis.Result, String> value) {
        md.append("| ").append(name).append(" | ");
        md.append(String.join(
                " | ", runs.stream().map(r -> value.apply(r.result())).toList()));
        md.append(" |\n");
    }
}
