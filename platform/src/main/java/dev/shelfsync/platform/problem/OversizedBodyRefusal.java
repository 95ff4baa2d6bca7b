package dev.shelfsync.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body over {@code quarkus.http.limits.max-body-size} with a 413 problem document instead of the bare
 * status Vert.x answers: before anything reads it when the declared length is too large, and when a chunked body
 * grows past the limit.
 */
@ApplicationScoped
public class OversizedBodyRefusal {

    private final long limit;
    private final String problem;

    public OversizedBodyRefusal(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.problem = new JsonObject(Problem.body(
                        413,
                        "payload-too-large",
                        "Content Too Large",
                        "The request body is larger than the " + this.limit + " bytes this service accepts; nothing"
                                + " was stored."))
                .encode();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerOverflow);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            refuse(context);
        } else {
            context.next();
        }
    }

    private void answerOverflow(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().ended()) {
            refuse(context);
        } else {
            context.next();
        }
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void refuse(RoutingContext context) {
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // the rest of the body is not read; the connection cannot carry another request after it
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem);
    }
}
