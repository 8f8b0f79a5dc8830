package org.laporpredator.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.laporpredator.api.ServiceUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports from many request threads are written by one writer thread, many to a transaction: one
 * commit, one log sync, for the whole batch. Each report runs under its own savepoint, so a report
 * that fails is rolled back alone. A caller gets its reference only after the batch is committed; a
 * second thread wakes the callers so that the writer can start on the next batch at once.
 */
final class GroupCommit<T> implements AutoCloseable {

    /** Writes one report inside the open transaction and returns its reference. */
    interface Writer<T> {
        String write(Batch batch, T report) throws SQLException;
    }

    static final String NOT_STORED = "The report could not be stored right now. Please try again in a few minutes.";

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final long WAIT_SECONDS = 60;

    /**
     * A report waiting for the writer. Once the writer has claimed it, its outcome is the transaction's;
     * before that its caller may cancel it, and the writer then skips it.
     */
    private record Pending<T>(T report, CompletableFuture<String> result, AtomicInteger state) {
        static final int QUEUED = 0;
        static final int CLAIMED = 1;
        static final int CANCELLED = 2;

        Pending(T report) {
            this(report, new CompletableFuture<>(), new AtomicInteger(QUEUED));
        }

        /** The writer's: true when the report is to be written (again, after a failed attempt). */
        boolean claim() {
            return state.compareAndSet(QUEUED, CLAIMED) || state.get() == CLAIMED;
        }

        /** The caller's: true when the writer will never write it. */
        boolean cancel() {
            return state.compareAndSet(QUEUED, CANCELLED);
        }
    }

    private final DataSource dataSource;
    private final Writer<T> writer;
    private final int maxBatch;
    private final BlockingQueue<Pending<T>> queue;
    private final Thread thread;
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lapor-store-ack");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, long[]> nextIds = new HashMap<>(); // the writer thread's only
    private Batch statements; // the writer thread's only: its connection, kept until a transaction fails
    private volatile boolean open = true;

    GroupCommit(DataSource dataSource, Writer<T> writer, int maxBatch, int capacity) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "lapor-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Blocks until the report is committed; its reference. A report still queued after the wait is
     * cancelled, so the caller is told it was not stored only when it never will be; one the writer has
     * begun is waited for to the end.
     */
    String submit(T report) {
        return submit(report, WAIT_SECONDS, TimeUnit.SECONDS);
    }

    String submit(T report, long wait, TimeUnit unit) {
        Pending<T> p = new Pending<>(report);
        if (!open || !queue.offer(p)) {
            throw new ServiceUnavailable(NOT_STORED);
        }
        boolean interrupted = false;
        try {
            try {
                return p.result().get(wait, unit);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException e) {
                LOG.warn("A report was not committed within {} {}", wait, unit);
            }
            if (p.cancel()) {
                throw new ServiceUnavailable(NOT_STORED);
            }
            while (true) { // the writer has it: its outcome is the caller's answer
                try {
                    return p.result().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new ServiceUnavailable(NOT_STORED);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (open || !queue.isEmpty()) {
            Pending<T> first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Pending<T>> batch = new ArrayList<>(maxBatch);
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            writeWithRetry(batch);
        }
        discardConnection();
    }

    private void writeWithRetry(List<Pending<T>> batch) {
        for (int attempt = 1;; attempt++) {
            try {
                writeBatch(batch);
                return;
            } catch (SQLException e) {
                if (isTransient(e) && attempt < MAX_ATTEMPTS) {
                    LOG.debug("Storing reports met lock contention (SQLState {}); trying again", e.getSQLState());
                    pause(attempt);
                    continue;
                }
                LOG.warn("{} reports could not be stored (SQLState {}, error code {})", batch.size(), e.getSQLState(),
                        e.getErrorCode());
                failAll(batch, new ServiceUnavailable(NOT_STORED));
                return;
            } catch (RuntimeException | Error e) {
                LOG.warn("{} reports could not be stored: {}", batch.size(), e.getClass().getName());
                failAll(batch, new ServiceUnavailable(NOT_STORED));
                return;
            }
        }
    }

    private void writeBatch(List<Pending<T>> batch) throws SQLException {
        List<Pending<T>> written = new ArrayList<>(batch.size());
        List<String> references = new ArrayList<>(batch.size());
        if (statements == null) {
            statements = new Batch(dataSource.getConnection(), nextIds);
        }
        Connection c = statements.connection();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Pending<T> p = batch.get(i);
                if (p.result().isDone() || !p.claim()) {
                    continue; // failed alone in an earlier attempt, or cancelled by its caller
                }
                statements.reportsLeft(batch.size() - i);
                Savepoint savepoint = c.setSavepoint();
                try {
                    String reference = writer.write(statements, p.report());
                    c.releaseSavepoint(savepoint);
                    statements.keepReportCounts();
                    written.add(p);
                    references.add(reference);
                } catch (SQLException e) {
                    if (isTransient(e)) {
                        throw e;
                    }
                    c.rollback(savepoint);
                    statements.dropReportCounts();
                    nextIds.clear(); // in case a taken id was the cause
                    LOG.warn("A report could not be stored (SQLState {}, error code {})", e.getSQLState(), e.getErrorCode());
                    p.result().completeExceptionally(new ServiceUnavailable(NOT_STORED));
                } catch (RuntimeException e) {
                    c.rollback(savepoint);
                    statements.dropReportCounts();
                    nextIds.clear();
                    p.result().completeExceptionally(e);
                }
            }
            statements.writeCounts(); // the dashboard's, once per batch
            c.commit();
            statements.endTransaction();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            nextIds.clear(); // read them again from the database
            discardConnection(); // and take a fresh connection for the next attempt
            throw e;
        }
        LOG.debug("Committed {} reports in one transaction", written.size());
        Runnable ack = () -> {
            for (int i = 0; i < written.size(); i++) {
                written.get(i).result().complete(references.get(i));
            }
        };
        try {
            acks.execute(ack);
        } catch (RejectedExecutionException e) {
            ack.run();
        }
    }

    private static <T> void failAll(List<Pending<T>> batch, RuntimeException failure) {
        for (Pending<T> p : batch) {
            p.result().completeExceptionally(failure);
        }
    }

    /** Stops taking reports, writes what is queued, and stops the writer. */
    @Override
    public void close() {
        open = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acks.shutdown();
        try {
            acks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending<T>> left = new ArrayList<>();
        queue.drainTo(left);
        failAll(left, new ServiceUnavailable(NOT_STORED));
    }

    static boolean isTransient(SQLException e) {
        // 40001 deadlock (Derby) or serialization failure; 40XL1 Derby lock timeout; 40P01 PostgreSQL deadlock;
        // class 08, a broken connection: the next attempt takes a fresh one
        String state = e.getSQLState();
        return "40001".equals(state) || "40XL1".equals(state) || "40P01".equals(state)
                || state != null && state.startsWith("08");
    }

    private void discardConnection() {
        if (statements != null) {
            try {
                statements.close();
            } catch (SQLException e) {
                LOG.debug("Closing the writer's connection failed (SQLState {})", e.getSQLState());
            }
            statements = null;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed (SQLState {})", e.getSQLState());
        }
    }
}
