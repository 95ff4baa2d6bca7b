package dev.shelfsync.scenarios;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/** Named daemon threads for the scenarios' clocks and pools, so a finished scenario never waits for them. */
final class Threads {

    private Threads() {}

    static ThreadFactory daemon(String name) {
        Map<String, Integer> counter = new ConcurrentHashMap<>();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.merge(name, 1, Integer::sum));
            t.setDaemon(true);
            return t;
        };
    }
}
