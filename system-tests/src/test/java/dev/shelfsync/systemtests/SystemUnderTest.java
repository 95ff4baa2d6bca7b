package dev.shelfsync.systemtests;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The five packaged services, started once per test JVM as operating-system processes on their own ports, on the
 * databases {@code ss_system_*} and the RabbitMQ vhost {@code ss-system}, all reset before the start so each run
 * begins empty. Logs go to {@code system-tests/target/logs}.
 */
public final class SystemUnderTest {

    public static final String VHOST = "ss-system";
    private static final String DB_HOST = env("DB_HOST", "127.0.0.1");
    private static final String DB_PORT = env("DB_PORT", "5432");
    private static final String DB_USER = env("DB_USER", "postgres");
    private static final String RABBITMQ_HOST = env("RABBITMQ_HOST", "127.0.0.1");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** module -> (database, port) */
    private static final Map<String, Service> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("inventory", new Service("inventory-service", "ss_system_inventory", 18081));
        SERVICES.put("routing", new Service("order-routing-service", "ss_system_routing", 18082));
        SERVICES.put("returns", new Service("returns-service", "ss_system_returns", 18083));
        SERVICES.put("gateway", new Service("channel-gateway", "ss_system_gateway", 18084));
        SERVICES.put("alerting", new Service("alerting-service", "ss_system_alerting", 18085));
    }

    private static SystemUnderTest running;

    private final List<Process> processes = new ArrayList<>();
    private final Path root;

    private record Service(String module, String database, int port) {}

    private SystemUnderTest(Path root) {
        this.root = root;
    }

    /** Starts the system on first use; later callers share it. Stopped when the test JVM exits. */
    public static synchronized SystemUnderTest get() {
        if (running == null) {
            SystemUnderTest system = new SystemUnderTest(Path.of(System.getProperty("shelfsync.root", "..")));
            Runtime.getRuntime().addShutdownHook(new Thread(system::stop));
            system.start();
            running = system;
        }
        return running;
    }

    public static String url(String service) {
        return "http://127.0.0.1:" + SERVICES.get(service).port();
    }

    private void start() {
        try {
            resetDatabases();
            resetVhost();
            Path logs = root.resolve("system-tests/target/logs");
            Files.createDirectories(logs);
            for (Map.Entry<String, Service> entry : SERVICES.entrySet()) {
                processes.add(launch(entry.getKey(), entry.getValue(), logs));
            }
            for (String name : SERVICES.keySet()) {
                awaitReady(name);
            }
        } catch (IOException | SQLException | InterruptedException e) {
            stop();
            throw new IllegalStateException("could not start the system under test: " + e.getMessage(), e);
        }
    }

    private Process launch(String name, Service service, Path logs) throws IOException {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        ProcessBuilder builder = new ProcessBuilder(
                javaBinary(), "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        env.put("DB_HOST", DB_HOST);
        env.put("DB_PORT", DB_PORT);
        env.put("DB_USER", DB_USER);
        env.put("DB_NAME", service.database());
        env.put("RABBITMQ_HOST", RABBITMQ_HOST);
        env.put("RABBITMQ_VHOST", VHOST);
        env.put("RABBITMQ_PASSWORD", env("RABBITMQ_PASSWORD", "guest"));
        env.putAll(SystemSettings.extraEnvironment(name, root));
        File log = logs.resolve(name + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        return builder.start();
    }

    private static void awaitReady(String name) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        URI ready = URI.create(url(name) + "/q/health/ready");
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; see target/logs/" + name
                + ".log");
    }

    /** Empty schemas, so each service's Flyway builds its tables from scratch. */
    private static void resetDatabases() throws SQLException {
        for (Service service : SERVICES.values()) {
            String url = "jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/" + service.database();
            try (Connection connection = DriverManager.getConnection(url, DB_USER, env("DB_PASSWORD", ""));
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists public cascade");
                statement.execute("create schema public");
            }
        }
    }

    /** A new vhost: no queue, binding or message of an earlier run survives. */
    private static void resetVhost() throws IOException, InterruptedException {
        rabbitmqctl("delete_vhost", VHOST);
        rabbitmqctl("add_vhost", VHOST);
        rabbitmqctl("set_permissions", "-p", VHOST, env("RABBITMQ_USER", "guest"), ".*", ".*", ".*");
    }

    private static void rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("rabbitmqctl " + String.join(" ", args) + " timed out");
        }
        if (process.exitValue() != 0 && !args[0].equals("delete_vhost")) {
            throw new IOException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
        }
    }

    void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
