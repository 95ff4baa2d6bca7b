package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.lease.ChannelLeases;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A second gateway replica inside the test's process: a push scheduler over the same database, signals and
 * configuration as the application's own, under a holder id of its own, so lease tests can play two replicas.
 */
@ApplicationScoped
class OtherReplica {

    private final ChannelRepository channels;
    private final PushStore store;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final ChannelLeases leases;
    private final PushSignals signals;
    private final PendingChannels pending;

    OtherReplica(
            ChannelRepository channels,
            PushStore store,
            ObjectMapper mapper,
            Vertx vertx,
            GatewayConfig config,
            ChannelLeases leases,
            PushSignals signals,
            PendingChannels pending) {
        this.channels = channels;
        this.store = store;
        this.mapper = mapper;
        this.vertx = vertx;
        this.config = config;
        this.leases = leases;
        this.signals = signals;
        this.pending = pending;
    }

    /** A scheduler that has not started; the caller starts its timers and stops it. */
    PushScheduler scheduler(String holder) {
        return new PushScheduler(channels, store, mapper, vertx, config, leases, signals, pending, holder);
    }
}
