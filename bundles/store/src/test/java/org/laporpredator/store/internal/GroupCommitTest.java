package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.api.ServiceUnavailable;

public class GroupCommitTest {

    private final TestDb db = new TestDb();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private GroupCommit<String> commits;

    /** Writes nothing to the database; "slow" blocks until released. */
    private GroupCommit<String> start() {
        commits = new GroupCommit<>(db.dataSource, (batch, report) -> {
            if (report.equals("slow")) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            written.add(report);
            return "ref-" + report;
        }, 1, 100);
        return commits;
    }

    @After
    public void stop() {
        release.countDown();
        if (commits != null) {
            commits.close();
        }
        db.drop();
    }

    @Test
    public void aCallerThatGaveUpOnAQueuedReportIsNeverStoredBehindItsBack() throws Exception {
        GroupCommit<String> c = start();
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> c.submit("slow"));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        // the writer is busy: this one waits in the queue, times out and is told it was not stored
        assertThrows(ServiceUnavailable.class, () -> c.submit("late", 50, TimeUnit.MILLISECONDS));
        release.countDown();
        assertEquals("ref-slow", slow.get(10, TimeUnit.SECONDS));
        assertEquals("ref-next", c.submit("next"));
        assertFalse("the cancelled report was written: " + written, written.contains("late"));
        assertEquals(List.of("slow", "next"), written);
    }

    @Test
    public void aCallerWhoseReportIsBeingWrittenWaitsForTheRealOutcome() throws Exception {
        GroupCommit<String> c = start();
        assertEquals("ref-warm", c.submit("warm")); // the writer has its connection: it claims the next report at once
        Thread[] caller = new Thread[1];
        CompletableFuture<String> result = new CompletableFuture<>();
        caller[0] = new Thread(() -> {
            try {
                result.complete(c.submit("slow", 50, TimeUnit.MILLISECONDS));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        caller[0].start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        // past its own wait the caller waits on, untimed, for the writer it cannot take the report back from
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller[0].getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, caller[0].getState());
        assertFalse(result.isDone());
        release.countDown();
        assertEquals("the caller is told the report was stored", "ref-slow", result.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("warm", "slow"), written);
    }
}
