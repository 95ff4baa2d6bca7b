package dev.shelfsync.gateway.channel;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The channel registry's API side (Hibernate Reactive), each write in its own transaction so a lost race to create a
 * channel can be run again. The webhook, push and reconcile paths read channels with one statement each through
 * {@link ChannelRepository}; replicas learn of a change from the table's trigger.
 */
@ApplicationScoped
public class ChannelRegistry {

    private final RegisteredChannelRepository channels;

    public ChannelRegistry(RegisteredChannelRepository channels) {
        this.channels = channels;
    }

    /** The channel as stored after a write, and whether the write created it. */
    public record Saved(Channel channel, boolean created) {}

    /** Registers the channel or changes it; credentials and settings left out are kept. */
    @WithTransaction
    public Uni<Saved> put(String id, ChannelRequest request) {
        return channels.findById(id).flatMap(existing -> {
            if (existing == null) {
                return channels.persist(new RegisteredChannel(id, request))
                        .map(created -> new Saved(created.channel(), true));
            }
            existing.change(request);
            return Uni.createFrom().item(new Saved(existing.channel(), false));
        });
    }

    @WithSession
    public Uni<Optional<Channel>> find(String id) {
        return channels.findById(id).map(found -> Optional.ofNullable(found).map(RegisteredChannel::channel));
    }

    @WithSession
    public Uni<List<Channel>> list() {
        return channels.allById()
                .map(all -> all.stream().map(RegisteredChannel::channel).toList());
    }
}
