package dev.shelfsync.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The chaos run's faults on the shared servers: the RabbitMQ node stopped and started ({@code rabbitmqctl
 * stop_app}, which closes every connection as a broker restart does) and the local PostgreSQL cluster crashed
 * ({@code pg_ctlcluster stop -m immediate}: no checkpoint, crash recovery at the next start). The whole machine's
 * servers are disturbed, which is why the run holds the build lock. The broker can also be killed: SIGKILL to its
 * Erlang VM (beam.smp, found by asking the node for its OS pid), started again with {@code rabbitmq-server
 * -detached} as scripts/infra.sh does; nothing is closed cleanly, quorum queues recover from their logs. {@link #close()} undoes whatever is still
 * injected, so an interrupted run leaves both servers up.
 */
final class ServerFaults implements AutoCloseable {

    private boolean brokerStopped;
    private boolean brokerKilled;
    private boolean databaseCrashed;

    void stopBroker() {
        brokerStopped = true;
        run(List.of("rabbitmqctl", "-q", "stop_app"));
    }

    void startBroker() {
        run(List.of("rabbitmqctl", "-q", "start_app"));
        run(List.of("rabbitmqctl", "-q", "await_startup"));
        brokerStopped = false;
    }

    /** SIGKILL to the broker's Erlang VM; returns once the process is gone. */
    void killBroker() {
        long pid = Long.parseLong(
                run(List.of("rabbitmqctl", "-q", "eval", "os:getpid().")).trim().replace("\"", ""));
        ProcessHandle beam =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no broker process " + pid));
        brokerKilled = true;
        beam.destroyForcibly();
        try {
            beam.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker process " + pid + " did not die: " + e, e);
        }
    }

    /** Boots the killed broker again and waits until its applications are up (bounded: 120 s). */
    void bootKilledBroker() {
        List<String> boot = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            boot.addAll(List.of("sudo", "-n"));
        }
        boot.addAll(List.of("rabbitmq-server", "-detached"));
        run(boot);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                // fails until the new node has registered; then waits for its boot to finish
                run(List.of("rabbitmqctl", "-q", "await_startup"));
                break;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Chaos.sleep(java.time.Duration.ofMillis(500));
            }
        }
        brokerKilled = false;
    }

    void crashDatabase() {
        databaseCrashed = true;
        run(cluster("stop", "-m", "immediate"));
    }

    void startDatabase() {
        run(cluster("start"));
        databaseCrashed = false;
    }

    @Override
    public void close() {
        if (brokerStopped) {
            startBroker();
        }
        if (brokerKilled) {
            bootKilledBroker();
        }
        if (databaseCrashed) {
            startDatabase();
        }
    }

    /** pg_ctlcluster for the cluster on the configured port, as root (directly or through sudo). */
    private static List<String> cluster(String... action) {
        String port = LocalServers.env("DB_PORT", "5432");
        String[] found = run(List.of("pg_lsclusters", "-h"))
                .lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 2 && columns[2].equals(port))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster listens on port " + port));
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of("pg_ctlcluster", "--skip-systemctl-redirect", found[0], found[1]));
        command.addAll(List.of(action));
        return command;
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
