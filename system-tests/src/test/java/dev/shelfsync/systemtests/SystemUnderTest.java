package dev.shelfsync.systemtests;

import dev.shelfsync.scenarios.LocalSystem;
import java.nio.file.Path;

/** The system every system test shares: started on first use, stopped when the test JVM exits. */
final class SystemUnderTest {

    private static LocalSystem running;

    private SystemUnderTest() {}

    static synchronized LocalSystem get() {
        if (running == null) {
            running = LocalSystem.start(
                    LocalSystem.Deployment.SYSTEM_TESTS, Path.of(System.getProperty("shelfsync.root", "..")));
        }
        return running;
    }

    static String url(String service) {
        return get().url(service);
    }
}
