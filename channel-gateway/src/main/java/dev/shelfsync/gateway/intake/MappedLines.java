package dev.shelfsync.gateway.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A webhook's lines against the channel's listing mappings, read in the intake's transaction: a line maps through
 * the first of its listing keys that a mapping names.
 */
final class MappedLines {

    private static final String MAPPINGS =
            "select listing_id, sku, pack_size from listing_mapping where channel_id = $1 and listing_id = any($2)";

    /** @param packSize internal units per listing unit */
    record Mapping(String listingId, String sku, int packSize) {}

    private final Map<String, Mapping> byListing;

    private MappedLines(Map<String, Mapping> byListing) {
        this.byListing = byListing;
    }

    static Uni<MappedLines> read(SqlConnection tx, String channelId, List<ParsedWebhook.NativeLine> lines) {
        Set<String> keys = new LinkedHashSet<>();
        lines.forEach(line -> keys.addAll(line.listingKeys()));
        return tx.preparedQuery(MAPPINGS)
                .execute(Tuple.of(channelId, keys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Mapping> mappings = new HashMap<>();
                    for (Row row : rows) {
                        mappings.put(
                                row.getString("listing_id"),
                                new Mapping(
                                        row.getString("listing_id"),
                                        row.getString("sku"),
                                        row.getInteger("pack_size")));
                    }
                    return new MappedLines(mappings);
                });
    }

    /**
     * Hands each mapped line with its mapping to {@code mapped}.
     *
     * @return the unmapped lines, each by its most specific listing key (its line id when it has none), in order
     */
    Set<String> each(List<ParsedWebhook.NativeLine> lines, BiConsumer<ParsedWebhook.NativeLine, Mapping> mapped) {
        Set<String> unknown = new LinkedHashSet<>();
        for (ParsedWebhook.NativeLine line : lines) {
            Mapping mapping = of(line);
            if (mapping == null) {
                unknown.add(
                        line.listingKeys().isEmpty()
                                ? "line:" + line.lineId()
                                : line.listingKeys().get(0));
            } else {
                mapped.accept(line, mapping);
            }
        }
        return unknown;
    }

    private Mapping of(ParsedWebhook.NativeLine line) {
        for (String key : line.listingKeys()) {
            Mapping mapping = byListing.get(key);
            if (mapping != null) {
                return mapping;
            }
        }
        return null;
    }
}
