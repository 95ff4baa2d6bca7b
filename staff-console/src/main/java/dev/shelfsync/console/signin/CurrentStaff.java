package dev.shelfsync.console.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.console.ConsoleConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.RequestScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in person of this request and the bearer token the console calls the services with. Locally the
 * token is the session cookie; with OIDC it is the access token of the provider's session.
 *
 * <p>The console reads the local token's claims without checking its signature: they only decide what a page
 * offers. Every service verifies the token on every call, so a forged cookie shows a screen and changes nothing.
 */
@RequestScoped
public class CurrentStaff {

    public static final String COOKIE = "ss_session";

    private final ConsoleConfig config;
    private final CurrentVertxRequest request;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public CurrentStaff(
            ConsoleConfig config, CurrentVertxRequest request, SecurityIdentity identity, ObjectMapper json) {
        this.config = config;
        this.request = request;
        this.identity = identity;
        this.json = json;
    }

    public Optional<String> bearerToken() {
        if (!config.localSignIn()) {
            return Optional.ofNullable(identity.getCredential(AccessTokenCredential.class))
                    .map(AccessTokenCredential::getToken);
        }
        Cookie cookie = request.getCurrent().request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    public Optional<StaffMember> member() {
        if (!config.localSignIn()) {
            return identity.isAnonymous() ? Optional.empty() : Optional.of(fromProvider());
        }
        return bearerToken().flatMap(this::fromLocalToken);
    }

    private StaffMember fromProvider() {
        List<String> locations = new ArrayList<>();
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("locations") != null) {
            Object claim = token.getClaim("locations");
            if (claim instanceof Iterable<?> values) {
                values.forEach(value -> locations.add(String.valueOf(value).replace("\"", "")));
            }
        }
        return new StaffMember(identity.getPrincipal().getName(), identity.getRoles(), locations);
    }

    private Optional<StaffMember> fromLocalToken(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            Set<String> roles = new LinkedHashSet<>();
            claims.path("groups").forEach(role -> roles.add(role.asText()));
            List<String> locations = new ArrayList<>();
            claims.path("locations").forEach(location -> locations.add(location.asText()));
            return Optional.of(new StaffMember(claims.path("upn").asText(), roles, locations));
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
