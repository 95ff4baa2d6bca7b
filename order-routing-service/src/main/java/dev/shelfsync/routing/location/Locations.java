package dev.shelfsync.routing.location;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Locations as the API shows them: routing's data about each (Hibernate Reactive), with today's capacity use and,
 * for one location, the stock last seen there.
 */
@ApplicationScoped
public class Locations {

    private final LocationRepository locations;
    private final DailyCapacity capacity;
    private final StockReadModel stock;

    public Locations(LocationRepository locations, DailyCapacity capacity, StockReadModel stock) {
        this.locations = locations;
        this.capacity = capacity;
        this.stock = stock;
    }

    /** Creates the location or replaces its routing data; capacity used today is kept. */
    @WithTransaction
    public Uni<LocationView> put(String id, LocationRequest request) {
        return locations
                .findById(id)
                .flatMap(existing -> {
                    if (existing == null) {
                        return locations.persist(new Location(id, request));
                    }
                    existing.describe(request);
                    return Uni.createFrom().item(existing);
                })
                .flatMap(this::withTodayAndStock);
    }

    @WithSession
    public Uni<Optional<LocationView>> find(String id) {
        return locations
                .findById(id)
                .flatMap(found -> found == null
                        ? Uni.createFrom().item(Optional.<LocationView>empty())
                        : withTodayAndStock(found).map(Optional::of));
    }

    @WithSession
    public Uni<List<LocationView>> list() {
        return locations.allById().flatMap(all -> capacity.usedToday().map(used -> all.stream()
                .map(location -> location.view(
                        used.getOrDefault(location.id(), DailyCapacity.Usage.NONE), new LinkedHashMap<>()))
                .toList()));
    }

    private Uni<LocationView> withTodayAndStock(Location location) {
        return capacity.usedToday(location.id()).flatMap(used -> stock.seenAt(location.id())
                .map((Map<String, Integer> seen) -> location.view(used, seen)));
    }
}
