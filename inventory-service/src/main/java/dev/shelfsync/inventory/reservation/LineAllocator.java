package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.availability.AvailabilityReader;
import dev.shelfsync.inventory.availability.ChannelPolicies;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.inventory.stock.StockWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes the stock for every line of an order inside the reservation's transaction: locks the SKUs in the one order
 * every stock transaction follows, then reserves each line at the first candidate location that covers it within the
 * channel's fence (a bundle's components all at one location). Either every line fits or it fails with
 * {@link NotEnoughStock}; what the reservation stores and publishes is {@link ReservationService}'s.
 */
@ApplicationScoped
public class LineAllocator {

    /**
     * What the order's lines took.
     *
     * @param levels the stock levels the reservation changed, as they are after it
     * @param policies the channel policies read under the locks, for the messages the reservation publishes
     */
    record Allocated(List<Allocation> allocations, List<StockLevel> levels, ChannelPolicies policies) {}

    private final StockWriter writer;
    private final AvailabilityReader availability;
    private final ReservationMetrics metrics;

    public LineAllocator(StockWriter writer, AvailabilityReader availability, ReservationMetrics metrics) {
        this.writer = writer;
        this.availability = availability;
        this.metrics = metrics;
    }

    /** Reserves every line of the request, or fails with {@link NotEnoughStock} naming the lines that did not fit. */
    Uni<Allocated> allocate(SqlConnection tx, StockReservationRequested request) {
        // One order of locking for every transaction keeps concurrent multi-line orders from deadlocking.
        List<ReservationLine> lines = request.lines().stream()
                .sorted(Comparator.comparing(ReservationLine::sku).thenComparing(ReservationLine::lineId))
                .toList();
        return expand(tx, lines).flatMap(parts -> timedLock(tx, lines, parts)
                .flatMap(locked -> availability.policies(tx))
                .flatMap(policies -> FenceGuard.read(tx, request.channelId(), parts, policies)
                        .flatMap(fence -> allocateLines(tx, request.orderId(), lines, parts, fence, policies))));
    }

    private Uni<Allocated> allocateLines(
            SqlConnection tx,
            String orderId,
            List<ReservationLine> lines,
            Map<String, Map<String, Integer>> parts,
            FenceGuard fence,
            ChannelPolicies policies) {
        List<Allocation> allocations = new ArrayList<>();
        List<StockLevel> levels = new ArrayList<>();
        List<String> shortLines = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReservationLine line : lines) {
            Map<String, Integer> units = parts.get(line.lineId());
            chain = chain.flatMap(ignored -> {
                if (!fence.allows(units)) {
                    shortLines.add(line.lineId());
                    return Uni.createFrom().voidItem();
                }
                return reserveLine(tx, orderId, line, units, 0)
                        .invoke(reserved -> {
                            if (reserved.isEmpty()) {
                                shortLines.add(line.lineId());
                                return;
                            }
                            fence.take(units);
                            for (StockLevel level : reserved) {
                                levels.add(level);
                                allocations.add(new Allocation(
                                        line.lineId(), level.sku(), level.locationId(), units.get(level.sku())));
                            }
                        })
                        .replaceWithVoid();
            });
        }
        return chain.flatMap(ignored -> shortLines.isEmpty()
                ? Uni.createFrom().item(new Allocated(allocations, levels, policies))
                : Uni.createFrom().failure(new NotEnoughStock(shortLines)));
    }

    /** Units per SKU that each line takes: the line's SKU itself, or a bundle's components. */
    private Uni<Map<String, Map<String, Integer>>> expand(SqlConnection tx, List<ReservationLine> lines) {
        return availability
                .components(tx, lines.stream().map(ReservationLine::sku).toList())
                .map(bundles -> {
                    Map<String, Map<String, Integer>> parts = new LinkedHashMap<>();
                    for (ReservationLine line : lines) {
                        Map<String, Integer> units = new TreeMap<>();
                        Map<String, Integer> components = bundles.get(line.sku());
                        if (components == null) {
                            units.put(line.sku(), line.quantity());
                        } else {
                            components.forEach(
                                    (component, perBundle) -> units.put(component, perBundle * line.quantity()));
                        }
                        parts.put(line.lineId(), units);
                    }
                    return parts;
                });
    }

    private Uni<Void> timedLock(
            SqlConnection tx, List<ReservationLine> lines, Map<String, Map<String, Integer>> parts) {
        long start = System.nanoTime();
        return lock(tx, lines, parts).invoke(locked -> metrics.waitedForLocks(System.nanoTime() - start));
    }

    /** Components (and plain SKUs) first, bundles after: the lock order every stock transaction follows. */
    private Uni<Void> lock(SqlConnection tx, List<ReservationLine> lines, Map<String, Map<String, Integer>> parts) {
        Set<String> stocked = new TreeSet<>();
        parts.values().forEach(units -> stocked.addAll(units.keySet()));
        Set<String> bundles = new TreeSet<>();
        lines.stream()
                .map(ReservationLine::sku)
                .filter(sku -> !stocked.contains(sku))
                .forEach(bundles::add);
        return writer.lockSkus(tx, stocked)
                .flatMap(ignored -> bundles.isEmpty() ? Uni.createFrom().voidItem() : writer.lockSkus(tx, bundles));
    }

    /** Tries the line's candidates in order; a bundle's components must all fit at the same location. */
    private Uni<List<StockLevel>> reserveLine(
            SqlConnection tx, String orderId, ReservationLine line, Map<String, Integer> units, int candidate) {
        if (candidate >= line.candidateLocationIds().size()) {
            return Uni.createFrom().item(List.of());
        }
        String locationId = line.candidateLocationIds().get(candidate);
        if (units.size() == 1) {
            Map.Entry<String, Integer> only = units.entrySet().iterator().next();
            return writer.applyLocked(tx, StockChange.reserve(only.getKey(), locationId, only.getValue(), orderId))
                    .flatMap(applied -> applied.isPresent()
                            ? Uni.createFrom().item(List.of(applied.get()))
                            : reserveLine(tx, orderId, line, units, candidate + 1));
        }
        // Several components: undo the ones that fitted when a later one does not, then try the next location.
        return tx.query("savepoint bundle_line")
                .execute()
                .flatMap(saved -> reserveParts(tx, orderId, locationId, units))
                .flatMap(levels -> levels.size() == units.size()
                        ? tx.query("release savepoint bundle_line").execute().replaceWith(levels)
                        : tx.query("rollback to savepoint bundle_line")
                                .execute()
                                .flatMap(undone -> reserveLine(tx, orderId, line, units, candidate + 1)));
    }

    private Uni<List<StockLevel>> reserveParts(
            SqlConnection tx, String orderId, String locationId, Map<String, Integer> units) {
        List<StockLevel> levels = new ArrayList<>();
        Uni<Boolean> chain = Uni.createFrom().item(true);
        for (Map.Entry<String, Integer> part : units.entrySet()) {
            chain = chain.flatMap(fits -> !fits
                    ? Uni.createFrom().item(false)
                    : writer.applyLocked(tx, StockChange.reserve(part.getKey(), locationId, part.getValue(), orderId))
                            .map(applied -> {
                                applied.ifPresent(levels::add);
                                return applied.isPresent();
                            }));
        }
        return chain.replaceWith(levels);
    }
}
