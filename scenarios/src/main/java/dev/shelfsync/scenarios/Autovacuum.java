package dev.shelfsync.scenarios;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs PostgreSQL's autovacuum for the length of a benchmark, as a production server does.
 *
 * <p>This machine's server runs with autovacuum off ({@code /etc/postgresql/15/main/conf.d/90-ci.conf}). Without it
 * no table is ever analyzed or vacuumed: a table seeded with 10,000 SKUs keeps the statistics of an empty one, every
 * update leaves its dead row and index entry behind, and the planner pays for both (the pushers' query for dirty
 * listings walked 9,700 dead entries of its partial index to find 16 rows, and planning it took 4 ms). A benchmark
 * would measure that instead of the services. The server's own setting comes back when the benchmark ends.
 */
final class Autovacuum implements AutoCloseable {

    private Autovacuum() {}

    static Autovacuum on() {
        set("alter system set autovacuum = on");
        return new Autovacuum();
    }

    @Override
    public void close() {
        set("alter system reset autovacuum");
    }

    private static void set(String statement) {
        try (Connection connection = LocalServers.database("postgres");
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
            sql.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change autovacuum: " + e.getMessage(), e);
        }
    }
}
