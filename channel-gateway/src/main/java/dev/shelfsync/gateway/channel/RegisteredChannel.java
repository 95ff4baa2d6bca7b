package dev.shelfsync.gateway.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A channel as its owner registered it: marketplace type, API endpoint, rate limit, credentials and settings. The
 * credentials are write-only: the API never shows them, and a change that leaves them (or the settings) out keeps
 * the stored ones. The rest of the gateway works with the {@link Channel} value it gives.
 */
@Entity
@Table(name = "channel")
public class RegisteredChannel {

    static final int DEFAULT_RATE_LIMIT_PER_SECOND = 2;

    @Id
    private String id;

    private String type;

    private String name;

    @Column(name = "api_base_url")
    private String apiBaseUrl;

    @Column(name = "rate_limit_per_second")
    private int rateLimitPerSecond;

    private boolean active;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> credentials = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> settings = new HashMap<>();

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected RegisteredChannel() {}

    RegisteredChannel(String id, ChannelRequest request) {
        this.id = id;
        change(request);
    }

    /**
     * Takes the request's description; an absent rate limit is 2 calls a second, an absent flag active, and absent
     * credentials or settings keep what was stored (none on a new channel).
     */
    void change(ChannelRequest request) {
        this.type = request.type();
        this.name = request.name();
        this.apiBaseUrl = request.apiBaseUrl();
        this.rateLimitPerSecond =
                request.rateLimitPerSecond() == null ? DEFAULT_RATE_LIMIT_PER_SECOND : request.rateLimitPerSecond();
        this.active = request.active() == null || request.active();
        if (request.credentials() != null) {
            this.credentials = new HashMap<>(request.credentials());
        }
        if (request.settings() != null) {
            this.settings = new HashMap<>(request.settings());
        }
        this.updatedAt = OffsetDateTime.now();
    }

    Channel channel() {
        return new Channel(id, type, name, apiBaseUrl, rateLimitPerSecond, active, credentials, settings);
    }

    @Override
    public String toString() {
        return channel().toString();
    }
}
