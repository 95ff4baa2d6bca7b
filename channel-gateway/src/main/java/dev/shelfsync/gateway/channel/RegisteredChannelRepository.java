package dev.shelfsync.gateway.channel;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The channel registry as the API reads and writes it; no transactions of its own. */
@ApplicationScoped
public class RegisteredChannelRepository implements PanacheRepositoryBase<RegisteredChannel, String> {

    public Uni<List<RegisteredChannel>> allById() {
        return listAll(Sort.by("id"));
    }
}
