package dev.shelfsync.systemtests;

import dev.shelfsync.scenarios.Deployment;
import dev.shelfsync.scenarios.LocalSystem;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many rows each table of each service holds: what a refused request must leave unchanged. */
final class StoredRows {

    private StoredRows() {}

    /** Rows per table of every service's database, once two readings a second apart agree (background work done). */
    static Map<String, Long> settled() throws Exception {
        return Settled.reading(StoredRows::counts);
    }

    private static Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Deployment deployment = SystemUnderTest.get().deployment();
        for (String service : LocalSystem.SERVICES.keySet()) {
            String url = "jdbc:postgresql://127.0.0.1:5432/" + deployment.database(service);
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("select count(*) from \"" + table + "\"")) {
                        rows.next();
                        counts.put(service + "." + table, rows.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
