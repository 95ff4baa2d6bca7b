package dev.shelfsync.routing.location;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Routing's location data; no transactions of its own. */
@ApplicationScoped
public class LocationRepository implements PanacheRepositoryBase<Location, String> {

    public Uni<List<Location>> allById() {
        return listAll(Sort.by("id"));
    }
}
