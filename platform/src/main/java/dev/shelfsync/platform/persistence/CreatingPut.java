package dev.shelfsync.platform.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.util.function.Supplier;

/**
 * A {@code PUT} that creates what does not exist yet. Two first PUTs of one id race: both find nothing, both insert,
 * and the second commit hits the primary key. Run again, the loser finds the winner's row and replaces it, so both
 * callers get what a PUT promises (the last one wins) instead of one of them an error.
 */
public final class CreatingPut {

    private static final String UNIQUE_VIOLATION = "23505";

    private CreatingPut() {}

    /** @param put the whole write, in a transaction of its own each time it is called */
    public static <T> Uni<T> retryingARaceToCreate(Supplier<Uni<T>> put) {
        return Uni.createFrom()
                .<T>deferred(put::get)
                .onFailure(CreatingPut::lostTheRace)
                .recoverWithUni(put::get);
    }

    static boolean lostTheRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
