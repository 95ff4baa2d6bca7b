package dev.shelfsync.platform.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A real crash of the local PostgreSQL cluster: {@code pg_ctlcluster stop -m immediate} aborts every server process
 * without a checkpoint, and the next start runs crash recovery, as after a power cut. Tests run one at a time on
 * one machine, so the whole server may be disturbed; {@link #close()} always starts it again.
 */
public final class DatabaseFaults implements AutoCloseable {

    private final String version;
    private final String cluster;
    private boolean crashed;

    public DatabaseFaults() {
        String[] local = run("pg_lsclusters", "-h")
                .lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 2 && columns[2].equals("5432"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no local PostgreSQL cluster on port 5432"));
        version = local[0];
        cluster = local[1];
    }

    public void crash() {
        run(asRoot("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "stop", "-m", "immediate"));
        crashed = true;
    }

    public void start() {
        run(asRoot("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start"));
        crashed = false;
    }

    @Override
    public void close() {
        if (crashed) {
            start();
        }
    }

    private static String[] asRoot(String... command) {
        List<String> full = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of(command));
        return full.toArray(new String[0]);
    }

    private static String run(String... command) {
        return Commands.run(List.of(command));
    }
}
