package org.tremplin.audit.seal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An incremental seal verification held at its start on a thread of its own, as a first one recomputing a national
 * store's chain would be: what others asked meanwhile see. Closing it lets it run to its end (never interrupted).
 */
public final class HeldVerification implements AutoCloseable {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<SealVerification> running;

    private HeldVerification(SealVerifier verifier) {
        running = thread.submit(() -> verifier.verify(null, SealVerification.Mode.INCREMENTAL, (done, total) -> {
            if (done == 0) {
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
    }

    /** Starts a verification and returns once it is held at its start. */
    public static HeldVerification start(SealVerifier verifier) throws InterruptedException {
        HeldVerification held = new HeldVerification(verifier);
        if (!held.holding.await(10, TimeUnit.SECONDS)) {
            held.close();
            throw new IllegalStateException("The verification did not start within 10 s");
        }
        return held;
    }

    /** Lets it go on; its outcome. */
    public SealVerification release() throws Exception {
        release.countDown();
        return running.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        thread.shutdown();
        thread.awaitTermination(30, TimeUnit.SECONDS);
    }
}
