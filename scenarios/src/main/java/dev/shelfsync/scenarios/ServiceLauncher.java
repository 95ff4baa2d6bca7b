package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.LocalServers.env;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts one packaged service (or the staff console) of a deployment as a Java process from its
 * {@code target/quarkus-app}, with the settings a chart's values would give it on Kubernetes, its output in a log
 * file; and waits until a started process reports ready.
 */
final class ServiceLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Deployment deployment;
    private final Path root;
    private final Path logs;
    private final Map<String, String> extraSettings;
    /** Null where nothing partitions a service from the broker. */
    private final BrokerLink brokerLink;

    ServiceLauncher(Deployment deployment, Path root, Path logs, Map<String, String> extraSettings, BrokerLink link) {
        this.deployment = deployment;
        this.root = root;
        this.logs = logs;
        this.extraSettings = Map.copyOf(extraSettings);
        this.brokerLink = link;
    }

    /**
     * Starts the service on {@code port}, logging to {@code <logName>.log}.
     *
     * @param appendLog a restarted service's log goes on after the log of the instance that was killed
     */
    Process service(String service, int port, String logName, boolean appendLog) throws IOException {
        Path jar = jar(LocalSystem.SERVICES.get(service));
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms64m", "-Xmx384m"));
        if (deployment.quickStart()) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DB_HOST", LocalServers.DB_HOST);
        env.put("DB_PORT", LocalServers.DB_PORT);
        env.put("DB_USER", LocalServers.DB_USER);
        env.put("DB_NAME", deployment.database(service));
        env.put("RABBITMQ_HOST", LocalServers.RABBITMQ_HOST);
        if (brokerLink != null && service.equals(LocalSystem.PARTITIONABLE)) {
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("RABBITMQ_PORT", String.valueOf(brokerLink.port()));
        }
        env.put("RABBITMQ_VHOST", deployment.vhost());
        env.put("RABBITMQ_PASSWORD", env("RABBITMQ_PASSWORD", "guest"));
        env.putAll(settings(service));
        env.putAll(extraSettings);
        File log = logs.resolve(logName + ".log").toFile();
        builder.redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        return builder.start();
    }

    /** The staff console on {@code port}, calling the services at {@code urls} and signing people in with our keys. */
    /** The staff console, with {@code settings} on top of the local run's (the production sign-in, say). */
    Process console(int port, Map<String, String> urls, Map<String, String> settings) throws IOException {
        Path jar = jar("staff-console");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xms32m", "-Xmx192m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("CONSOLE_PORT", String.valueOf(port));
        env.put("CONSOLE_LOCAL_SIGNING_KEY", keys().privateKey().toString());
        env.put("CONSOLE_REPORTS", root.resolve("run/reports").toString());
        env.put("INVENTORY_URL", urls.get("inventory"));
        env.put("RETURNS_URL", urls.get("returns"));
        env.put("GATEWAY_URL", urls.get("gateway"));
        env.put("ALERTING_URL", urls.get("alerting"));
        env.putAll(settings);
        builder.redirectErrorStream(true)
                .redirectOutput(logs.resolve("console.log").toFile());
        return builder.start();
    }

    /** The key pair whose public half the services verify bearer tokens with (see {@link Deployment#testOnlyKeys}). */
    LocalKeys keys() {
        return deployment.testOnlyKeys() ? LocalKeys.testOnly(root) : LocalKeys.of(root);
    }

    /** Per-service settings of a local deployment (what Helm values are on Kubernetes). */
    private Map<String, String> settings(String service) {
        Map<String, String> settings = new HashMap<>();
        settings.put("JWT_PUBLIC_KEY_LOCATION", "file:" + keys().publicKey());
        if (deployment.smallPools()) {
            settings.put("DB_POOL_SIZE", "12");
        }
        if (service.equals("gateway")) {
            // The simulated marketplaces listen on loopback, which production refuses as an SSRF target.
            settings.put("GATEWAY_ALLOW_PRIVATE_ENDPOINTS", "true");
        }
        return settings;
    }

    private Path jar(String module) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        return jar;
    }

    /** Polls {@code /q/health/ready} until it answers 200, for up to three minutes. */
    static void awaitReady(String name, String baseUrl) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        URI ready = URI.create(baseUrl + "/q/health/ready");
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + " (see its log)");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
