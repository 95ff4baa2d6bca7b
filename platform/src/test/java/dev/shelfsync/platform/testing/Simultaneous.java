package dev.shelfsync.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Real concurrent callers: each on its own thread, all released at once by one gate, their answers in caller order. */
public final class Simultaneous {

    private Simultaneous() {}

    public static <T> List<T> calls(int callers, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (int n = 0; n < callers; n++) {
                int caller = n;
                answers.add(pool.submit(() -> {
                    gate.await();
                    return call.apply(caller);
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
