package org.laporpredator.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.laporpredator.api.ServiceUnavailable;
import org.slf4j.Logger;

/**
 * One transaction of the case handling and the deliveries (not the writer's batches: GroupCommit has its
 * own), tried again after lock contention (deadlock, lock timeout) up to {@value #MAX_ATTEMPTS} times.
 * Runtime failures (CaseNotFound, TransitionNotAllowed, ...) roll back and reach the caller; other
 * database failures become ServiceUnavailable with {@code unavailable}, logged by SQLState only.
 */
final class Transactions {

    static final int MAX_ATTEMPTS = 4;

    interface Work<R> {
        R run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Logger log;
    private final String unavailable;

    Transactions(DataSource dataSource, Logger log, String unavailable) {
        this.dataSource = dataSource;
        this.log = log;
        this.unavailable = unavailable;
    }

    <R> R run(String what, Work<R> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    R result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    GroupCommit.rollbackQuietly(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (GroupCommit.isTransient(e) && attempt < MAX_ATTEMPTS) {
                    log.debug("{} met lock contention (SQLState {}); trying again", what, e.getSQLState());
                    pause(attempt);
                    continue;
                }
                log.warn("{} failed (SQLState {}, error code {})", what, e.getSQLState(), e.getErrorCode());
                throw new ServiceUnavailable(unavailable);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
