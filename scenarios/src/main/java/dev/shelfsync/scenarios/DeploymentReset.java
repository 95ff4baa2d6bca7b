package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.LocalServers.env;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Empties a deployment's databases and RabbitMQ vhost before its services start, so each run begins clean: no
 * table, queue, binding or message of an earlier run survives.
 */
final class DeploymentReset {

    private DeploymentReset() {}

    static void reset(Deployment deployment) throws SQLException, IOException, InterruptedException {
        resetDatabases(deployment);
        resetVhost(deployment.vhost());
    }

    /** Empty schemas, so each service's Flyway builds its tables from scratch. */
    private static void resetDatabases(Deployment deployment) throws SQLException {
        for (String service : LocalSystem.SERVICES.keySet()) {
            try (Connection connection = LocalServers.database(deployment.database(service));
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists public cascade");
                statement.execute("create schema public");
            }
        }
    }

    /** A new vhost: no queue, binding or message of an earlier run survives. */
    private static void resetVhost(String vhost) throws IOException, InterruptedException {
        rabbitmqctl("delete_vhost", vhost);
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, env("RABBITMQ_USER", "guest"), ".*", ".*", ".*");
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
}
