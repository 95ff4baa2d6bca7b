package dev.shelfsync.console.signin;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers {@link ScreenNotForYou} with a page in words instead of a bare 403. */
@Provider
@ApplicationScoped
public class Screens implements ExceptionMapper<ScreenNotForYou> {

    private final Template notForYou;
    private final CurrentStaff staff;

    public Screens(@Location("not-for-you.html") Template notForYou, CurrentStaff staff) {
        this.notForYou = notForYou;
        this.staff = staff;
    }

    @Override
    public Response toResponse(ScreenNotForYou refusal) {
        String page = notForYou
                .data("me", staff.member().orElse(null))
                .data("reason", refusal.getMessage())
                .render();
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }
}
