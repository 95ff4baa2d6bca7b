package dev.shelfsync.scenarios;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The five packaged services started as operating-system processes against the local PostgreSQL and RabbitMQ,
 * in one {@link Deployment}: its own databases, RabbitMQ vhost and ports, emptied before the start so each run
 * begins clean. Used by the local run, the system tests and the benchmarks.
 */
public final class LocalSystem implements AutoCloseable {

    private static final String DB_HOST = env("DB_HOST", "127.0.0.1");
    private static final String DB_PORT = env("DB_PORT", "5432");
    private static final String DB_USER = env("DB_USER", "postgres");
    private static final String RABBITMQ_HOST = env("RABBITMQ_HOST", "127.0.0.1");
    private static final int RABBITMQ_PORT = Integer.parseInt(env("RABBITMQ_PORT", "5672"));
    /** The service whose broker connections go through a {@link BrokerLink} in the test and fault deployments. */
    public static final String PARTITIONABLE = "inventory";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** Service name -> module directory, in start order. */
    public static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("inventory", "inventory-service");
        SERVICES.put("routing", "order-routing-service");
        SERVICES.put("returns", "returns-service");
        SERVICES.put("gateway", "channel-gateway");
        SERVICES.put("alerting", "alerting-service");
    }

    /**
     * Where a set of services lives.
     *
     * @param databasePrefix prefix of each service's database, e.g. {@code ss_system_} for {@code ss_system_inventory}
     * @param vhost RabbitMQ virtual host
     * @param portBase inventory listens on portBase + 1, routing + 2, returns + 3, gateway + 4, alerting + 5
     */
    public record Deployment(String databasePrefix, String vhost, int portBase) {
        public static final Deployment LOCAL = new Deployment("", "shelfsync", 8080);
        public static final Deployment SYSTEM_TESTS = new Deployment("ss_system_", "ss-system", 18080);
        public static final Deployment BENCHMARK = new Deployment("ss_bench_", "ss-bench", 28080);
        public static final Deployment CHAOS = new Deployment("ss_chaos_", "ss-chaos", 38080);

        public int port(String service) {
            return portBase + 1 + new ArrayList<>(SERVICES.keySet()).indexOf(service);
        }

        public String database(String service) {
            return databasePrefix + service;
        }
    }

    private final Deployment deployment;
    private final Map<String, String> extraSettings;
    private final Path root;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    /** The main instance of each service (not its replicas), which {@link #kill} and {@link #restart} act on. */
    private final Map<String, Process> instances = new LinkedHashMap<>();
    /** Null where nothing partitions a service from the broker (the local run, the benchmarks). */
    private final BrokerLink brokerLink;

    private LocalSystem(Deployment deployment, Path root, Map<String, String> extraSettings) {
        this.deployment = deployment;
        this.extraSettings = Map.copyOf(extraSettings);
        this.root = root.toAbsolutePath().normalize();
        this.logs = this.root.resolve("run/logs/" + deployment.vhost());
        boolean faultable = deployment == Deployment.SYSTEM_TESTS || deployment == Deployment.CHAOS;
        this.brokerLink = faultable ? BrokerLink.open(RABBITMQ_HOST, RABBITMQ_PORT) : null;
    }

    /**
     * Empties the deployment's databases and vhost, starts the five services and waits until each is ready.
     *
     * @param root the repository root (the services' {@code target/quarkus-app} must exist)
     */
    public static LocalSystem start(Deployment deployment, Path root) {
        return start(deployment, root, Map.of());
    }

    /**
     * As {@link #start(Deployment, Path)}, with settings every service gets on top of the deployment's (environment
     * variables, as a chart's values would set them), e.g. tracing to a collector of the test's own.
     */
    public static LocalSystem start(Deployment deployment, Path root, Map<String, String> extraSettings) {
        LocalSystem system = new LocalSystem(deployment, root, extraSettings);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close));
        try {
            system.resetDatabases();
            system.resetVhost();
            Files.createDirectories(system.logs);
            for (String service : SERVICES.keySet()) {
                Process process = system.launch(service, deployment.port(service), service);
                system.processes.add(process);
                system.instances.put(service, process);
            }
            for (String service : SERVICES.keySet()) {
                awaitReady(service, system.url(service));
            }
            return system;
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            system.close();
            throw new IllegalStateException("could not start Shelfsync: " + e.getMessage(), e);
        }
    }

    public String url(String service) {
        return "http://127.0.0.1:" + deployment.port(service);
    }

    public Deployment deployment() {
        return deployment;
    }

    /** The proxy between {@link #PARTITIONABLE} and the broker, in the system tests' and the fault run's deployment. */
    public BrokerLink brokerLink() {
        if (brokerLink == null) {
            throw new IllegalStateException("the " + deployment.vhost() + " deployment has no broker link");
        }
        return brokerLink;
    }

    public Path logs() {
        return logs;
    }

    /** Operating-system process id of each service's first instance, e.g. to read its CPU time from /proc. */
    public synchronized Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        SERVICES.keySet()
                .forEach(service -> pids.put(service, instances.get(service).pid()));
        return pids;
    }

    /** One more instance of a service on another port, sharing its database and queues, as a replica would. */
    public synchronized String startReplica(String service, int port) {
        try {
            processes.add(launch(service, port, service + "-" + port));
            String url = "http://127.0.0.1:" + port;
            awaitReady(service + "-" + port, url);
            return url;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start a replica of " + service, e);
        }
    }

    /**
     * The staff console on the deployment's sixth port, calling this deployment's services and signing people in
     * with its key pair; stopped with the services.
     *
     * @return its base URL
     */
    public synchronized String startConsole() {
        return startConsole(Map.of());
    }

    /**
     * As {@link #startConsole()}, with settings on top of the local run's (environment variables, as the chart's
     * values would set them), e.g. the production sign-in through an OIDC provider.
     */
    public synchronized String startConsole(Map<String, String> settings) {
        Path jar = root.resolve("staff-console/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        int port = consolePort();
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xms32m", "-Xmx192m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("CONSOLE_PORT", String.valueOf(port));
        env.put("CONSOLE_LOCAL_SIGNING_KEY", keys().privateKey().toString());
        env.put("CONSOLE_REPORTS", root.resolve("run/reports").toString());
        env.put("INVENTORY_URL", url("inventory"));
        env.put("RETURNS_URL", url("returns"));
        env.put("GATEWAY_URL", url("gateway"));
        env.put("ALERTING_URL", url("alerting"));
        env.putAll(settings);
        builder.redirectErrorStream(true)
                .redirectOutput(logs.resolve("console.log").toFile());
        try {
            processes.add(builder.start());
            String url = "http://127.0.0.1:" + port;
            awaitReady("staff-console", url);
            return url;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start the staff console", e);
        }
    }

    /** After the five services' ports: 8086 in the local run. */
    public int consolePort() {
        return deployment.portBase() + 1 + SERVICES.size();
    }

    /** Kills the service's main instance with SIGKILL: no shutdown hook runs, nothing is acknowledged or flushed. */
    public synchronized void kill(String service) {
        Process process = instances.remove(service);
        if (process == null) {
            throw new IllegalStateException(service + " is not running");
        }
        process.destroyForcibly();
        processes.remove(process);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed service again on its port, as {@link #start} did, and waits until it is ready. */
    public void restart(String service) {
        synchronized (this) {
            if (instances.containsKey(service)) {
                throw new IllegalStateException(service + " is still running");
            }
            try {
                Process process = launch(service, deployment.port(service), service, true);
                processes.add(process);
                instances.put(service, process);
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + service + " again", e);
            }
        }
        try {
            awaitReady(service, url(service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + service + " started", e);
        }
    }

    private Process launch(String service, int port, String logName) throws IOException {
        return launch(service, port, logName, false);
    }

    private Process launch(String service, int port, String logName, boolean appendLog) throws IOException {
        Path jar = root.resolve(SERVICES.get(service)).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms64m", "-Xmx384m"));
        if (deployment == Deployment.SYSTEM_TESTS) {
            // Short-lived test processes: the quick compiler starts faster; the local run and benchmarks get full JIT.
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DB_HOST", DB_HOST);
        env.put("DB_PORT", DB_PORT);
        env.put("DB_USER", DB_USER);
        env.put("DB_NAME", deployment.database(service));
        env.put("RABBITMQ_HOST", RABBITMQ_HOST);
        if (brokerLink != null && service.equals(PARTITIONABLE)) {
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("RABBITMQ_PORT", String.valueOf(brokerLink.port()));
        }
        env.put("RABBITMQ_VHOST", deployment.vhost());
        env.put("RABBITMQ_PASSWORD", env("RABBITMQ_PASSWORD", "guest"));
        env.putAll(settings(service));
        env.putAll(extraSettings);
        File log = logs.resolve(logName + ".log").toFile();
        // A restarted service's log goes on after the log of the instance that was killed.
        builder.redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        return builder.start();
    }

    /** Per-service settings of a local deployment (what Helm values are on Kubernetes). */
    private Map<String, String> settings(String service) {
        Map<String, String> settings = new HashMap<>();
        settings.put("JWT_PUBLIC_KEY_LOCATION", "file:" + tokenVerificationKey());
        if (deployment != Deployment.BENCHMARK) {
            // Five services (and a replica in the system tests) at the default 20 connections each are more than
            // the local PostgreSQL's max_connections of 100 once their pools fill up, as they do while a backlog
            // drains after a broker restart: "sorry, too many clients already" and readiness DOWN for over a
            // minute. The benchmarks keep the default; they start no replica and measure with it.
            settings.put("DB_POOL_SIZE", "12");
        }
        if (service.equals("gateway")) {
            // The simulated marketplaces listen on loopback, which production refuses as an SSRF target.
            settings.put("GATEWAY_ALLOW_PRIVATE_ENDPOINTS", "true");
        }
        return settings;
    }

    /**
     * The public key the services verify bearer tokens with: the system tests sign with the committed test-only
     * pair; the local run and the benchmarks with run/jwt/, which scripts/mint-token.sh signs with too, so the
     * README's token example works against scripts/run.sh.
     */
    private Path tokenVerificationKey() {
        return keys().publicKey();
    }

    private LocalKeys keys() {
        return deployment == Deployment.SYSTEM_TESTS ? LocalKeys.testOnly(root) : LocalKeys.of(root);
    }

    /** A bearer token this deployment's services accept, e.g. for an operator or a harness. */
    public String token(String user, List<String> roles, List<String> locations) {
        return keys().token(user, roles, locations);
    }

    private static void awaitReady(String name, String baseUrl) throws InterruptedException {
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

    /** Empty schemas, so each service's Flyway builds its tables from scratch. */
    private void resetDatabases() throws SQLException {
        for (String service : SERVICES.keySet()) {
            String url = "jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/" + deployment.database(service);
            try (Connection connection = DriverManager.getConnection(url, DB_USER, env("DB_PASSWORD", ""));
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists public cascade");
                statement.execute("create schema public");
            }
        }
    }

    /** A new vhost: no queue, binding or message of an earlier run survives. */
    private void resetVhost() throws IOException, InterruptedException {
        rabbitmqctl("delete_vhost", deployment.vhost());
        rabbitmqctl("add_vhost", deployment.vhost());
        rabbitmqctl("set_permissions", "-p", deployment.vhost(), env("RABBITMQ_USER", "guest"), ".*", ".*", ".*");
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

    @Override
    public synchronized void close() {
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
        instances.clear();
        if (brokerLink != null) {
            brokerLink.close();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A plain AMQP connection to the local broker's {@code vhost}, with the credentials the services get. */
    static com.rabbitmq.client.Connection brokerConnection(String vhost, String name)
            throws IOException, java.util.concurrent.TimeoutException {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(RABBITMQ_HOST);
        factory.setUsername(env("RABBITMQ_USER", "guest"));
        factory.setPassword(env("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost(vhost);
        return factory.newConnection(name);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
