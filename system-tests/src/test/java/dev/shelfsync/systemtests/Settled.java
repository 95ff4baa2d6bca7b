package dev.shelfsync.systemtests;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A reading taken again until two a second apart agree: the background work that changes it has finished. */
final class Settled {

    private Settled() {}

    static <T> T reading(Callable<T> read) throws Exception {
        T previous = read.call();
        for (int attempt = 0; attempt < 30; attempt++) {
            TimeUnit.SECONDS.sleep(1);
            T current = read.call();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }
}
