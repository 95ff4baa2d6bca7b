package dev.shelfsync.console.signin;

import dev.shelfsync.console.ConsoleConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local run's sign-in: pick a user, a role and (for warehouse staff) locations; the console issues a token the
 * services accept and keeps it in an HttpOnly cookie, never in a page. Gone when signing in goes through OIDC.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    static final List<String> ROLES = List.of(StaffMember.WAREHOUSE_STAFF, StaffMember.MERCHANT_OPS, StaffMember.ADMIN);

    private final ConsoleConfig config;
    private final LocalTokens tokens;
    private final CurrentStaff staff;
    private final Template signIn;

    public SignInResource(
            ConsoleConfig config, LocalTokens tokens, CurrentStaff staff, @Location("sign-in.html") Template signIn) {
        this.config = config;
        this.tokens = tokens;
        this.staff = staff;
        this.signIn = signIn;
    }

    @GET
    public Response home() {
        StaffMember me = staff.member().orElseThrow();
        if (!me.warehouseStaff() && !me.operations()) {
            throw ScreenNotForYou.noConsoleRole();
        }
        return Response.seeOther(URI.create(me.warehouseStaff() && !me.operations() ? "/returns" : "/stock"))
                .build();
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form() {
        localOnly();
        return signIn.data("roles", ROLES).data("error", null).data("user", "").data("locations", "");
    }

    @POST
    @Path("sign-in")
    public Response signIn(
            @FormParam("user") String user, @FormParam("role") String role, @FormParam("locations") String where) {
        localOnly();
        List<String> locations = where == null
                ? List.of()
                : Arrays.stream(where.split("[,\\s]+"))
                        .filter(s -> !s.isBlank())
                        .toList();
        String error = null;
        if (user == null || !user.matches("[A-Za-z0-9._-]{1,64}")) {
            error = "Type a user name: letters, digits, dot, dash or underscore.";
        } else if (!ROLES.contains(role)) {
            error = "Choose one of the roles.";
        } else if (StaffMember.WAREHOUSE_STAFF.equals(role) && locations.isEmpty()) {
            error = "Warehouse staff work at locations: name at least one (e.g. berlin).";
        } else if (!locations.stream().allMatch(location -> location.matches("[A-Za-z0-9._-]{1,64}"))) {
            error = "A location id is letters, digits, dot, dash or underscore.";
        }
        if (error != null) {
            String page = signIn.data("roles", ROLES)
                    .data("error", error)
                    .data("user", user == null ? "" : user)
                    .data("locations", where == null ? "" : where)
                    .render();
            return Response.status(400)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(page)
                    .build();
        }
        Set<String> roles = new LinkedHashSet<>(List.of(role));
        String token = tokens.issue(user, roles, locations);
        return Response.seeOther(URI.create("/"))
                .cookie(session(token, (int) LocalTokens.LIFETIME.toSeconds()))
                .build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create(config.localSignIn() ? "/sign-in" : "/"))
                .cookie(session("", 0))
                .build();
    }

    private static NewCookie session(String token, int maxAge) {
        return new NewCookie.Builder(CurrentStaff.COOKIE)
                .value(token)
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
    }

    private void localOnly() {
        if (!config.localSignIn()) {
            throw new NotFoundException();
        }
    }
}
