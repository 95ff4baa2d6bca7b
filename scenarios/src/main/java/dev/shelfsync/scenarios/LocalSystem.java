package dev.shelfsync.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The five packaged services running as operating-system processes against the local PostgreSQL and RabbitMQ, in
 * one {@link Deployment}, emptied by {@link DeploymentReset} before the start so each run begins clean: what the
 * local run, the system tests, the benchmarks and the fault run start, kill and restart. {@link ServiceLauncher}
 * starts each process.
 */
public final class LocalSystem implements AutoCloseable {

    /** The service whose broker connections go through a {@link BrokerLink} in the test and fault deployments. */
    public static final String PARTITIONABLE = "inventory";

    /** Service name -> module directory, in start order. */
    public static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("inventory", "inventory-service");
        SERVICES.put("routing", "order-routing-service");
        SERVICES.put("returns", "returns-service");
        SERVICES.put("gateway", "channel-gateway");
        SERVICES.put("alerting", "alerting-service");
    }

    private final Deployment deployment;
    private final Path logs;
    private final ServiceLauncher launcher;
    private final List<Process> processes = new ArrayList<>();
    /** The main instance of each service (not its replicas), which {@link #kill} and {@link #restart} act on. */
    private final Map<String, Process> instances = new LinkedHashMap<>();
    /** Null where nothing partitions a service from the broker (the local run, the benchmarks). */
    private final BrokerLink brokerLink;

    private LocalSystem(Deployment deployment, Path root, Map<String, String> extraSettings) {
        this.deployment = deployment;
        Path home = root.toAbsolutePath().normalize();
        this.logs = home.resolve("run/logs/" + deployment.vhost());
        this.brokerLink = deployment.partitionable()
                ? BrokerLink.open(LocalServers.RABBITMQ_HOST, LocalServers.RABBITMQ_PORT)
                : null;
        this.launcher = new ServiceLauncher(deployment, home, logs, extraSettings, brokerLink);
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
            DeploymentReset.reset(deployment);
            Files.createDirectories(system.logs);
            for (String service : SERVICES.keySet()) {
                Process process = system.launcher.service(service, deployment.port(service), service, false);
                system.processes.add(process);
                system.instances.put(service, process);
            }
            for (String service : SERVICES.keySet()) {
                ServiceLauncher.awaitReady(service, system.url(service));
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
            processes.add(launcher.service(service, port, service + "-" + port, false));
            String url = "http://127.0.0.1:" + port;
            ServiceLauncher.awaitReady(service + "-" + port, url);
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
        int port = consolePort();
        Map<String, String> urls = new LinkedHashMap<>();
        SERVICES.keySet().forEach(service -> urls.put(service, url(service)));
        try {
            processes.add(launcher.console(port, urls, settings));
            String url = "http://127.0.0.1:" + port;
            ServiceLauncher.awaitReady("staff-console", url);
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
                Process process = launcher.service(service, deployment.port(service), service, true);
                processes.add(process);
                instances.put(service, process);
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + service + " again", e);
            }
        }
        try {
            ServiceLauncher.awaitReady(service, url(service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + service + " started", e);
        }
    }

    /** A bearer token this deployment's services accept, e.g. for an operator or a harness. */
    public String token(String user, List<String> roles, List<String> locations) {
        return launcher.keys().token(user, roles, locations);
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
}
