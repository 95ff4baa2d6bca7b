package dev.shelfsync.scenarios;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls every service's {@code /q/health/ready} twice a second for the whole chaos run and keeps what it saw, so a
 * step can tell whether readiness went DOWN during its fault and when it was UP again everywhere. A service that
 * does not answer (killed, or too busy to answer within 2 s) counts as not ready.
 */
final class ReadinessWatch implements AutoCloseable {

    record Sample(Instant at, String service, boolean ready) {}

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pollers;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ReadinessWatch(Map<String, String> urls) {
        pollers = Executors.newScheduledThreadPool(urls.size(), Threads.daemon("readiness"));
        urls.forEach((service, url) -> pollers.scheduleWithFixedDelay(
                () -> samples.add(new Sample(Instant.now(), service, ready(url))), 0, 500, TimeUnit.MILLISECONDS));
    }

    private boolean ready(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Services seen not ready at least once in [from, to]. */
    Set<String> notReadyBetween(Instant from, Instant to) {
        Set<String> services = new TreeSet<>();
        for (Sample sample : samples) {
            if (!sample.ready() && !sample.at().isBefore(from) && !sample.at().isAfter(to)) {
                services.add(sample.service());
            }
        }
        return services;
    }

    /** The last moment after {@code from} at which some service was seen not ready; {@code from} if none was. */
    Instant lastNotReadyAfter(Instant from) {
        Instant last = from;
        for (Sample sample : samples) {
            if (!sample.ready() && sample.at().isAfter(last)) {
                last = sample.at();
            }
        }
        return last;
    }

    /** Whether the latest sample of every service says ready. */
    boolean allReady(Set<String> services) {
        for (String service : services) {
            Sample latest = null;
            for (Sample sample : samples) {
                if (sample.service().equals(service)) {
                    latest = sample;
                }
            }
            if (latest == null || !latest.ready()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
