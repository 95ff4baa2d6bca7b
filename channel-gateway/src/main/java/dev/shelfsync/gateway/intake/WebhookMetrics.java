package dev.shelfsync.gateway.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every webhook answer by marketplace and outcome: accepted (reason: what the intake did), duplicate, or
 * refused (reason: the problem type). Read from the answer itself, after the exception mappers, so each refusal path
 * of the webhook resources is counted without a meter call in each.
 *
 * <p>Labels stay bounded: the marketplace comes from the fixed path set, reasons from the intake outcomes and the
 * problem types the code defines; the channel id in the path is not a label, since anyone can send any id.
 */
@ApplicationScoped
public class WebhookMetrics {

    private static final String PATH = "webhooks/";
    private static final String PROBLEM_TYPE_BASE = "https://shelfsync.dev/problems/";
    private static final Set<String> MARKETPLACES = Set.of("shopify", "woocommerce", "amazon", "etsy", "custom");

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        int start = path.indexOf(PATH);
        if (start < 0 || start > 1) {
            return;
        }
        String rest = path.substring(start + PATH.length());
        int slash = rest.indexOf('/');
        String marketplace = slash < 0 ? rest : rest.substring(0, slash);
        if (!MARKETPLACES.contains(marketplace)) {
            marketplace = "unknown";
        }
        Object entity = response.getEntity();
        String outcome;
        String reason;
        if (entity instanceof WebhookResource.Receipt receipt) {
            reason = receipt.status();
            outcome = reason.startsWith("duplicate") ? "duplicate" : "accepted";
        } else if (response.getStatus() >= 500) {
            outcome = "failed";
            reason = "status-" + response.getStatus();
        } else {
            outcome = "refused";
            reason = problemType(entity, response.getStatus());
        }
        Counter.builder("shelfsync.gateway.webhooks")
                .description("Marketplace webhook deliveries by outcome")
                .tag("marketplace", marketplace)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private static String problemType(Object entity, int status) {
        if (entity instanceof Map<?, ?> problem && problem.get("type") instanceof String type) {
            return type.startsWith(PROBLEM_TYPE_BASE) ? type.substring(PROBLEM_TYPE_BASE.length()) : "other";
        }
        return "status-" + status;
    }
}
