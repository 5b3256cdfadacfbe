package io.consensio.bench.cluster;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Transaction;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many transaction signatures this machine verifies per second with every core busy, using the
 * verifier the nodes use ({@link Ed25519Verifier}, Bouncy Castle) on transactions like the ones the
 * benchmark submits (verification only: decoding is left out). Divided by the replicas that each
 * verify every transaction, it is the most signed transactions per second a cluster on this machine
 * could commit if it did nothing else.
 */
public final class VerificationCeiling {
  private VerificationCeiling() {}

  /** Verifications per second over {@code threads} threads, measured for {@code millis}. */
  public static double verificationsPerSecond(int threads, int payloadBytes, long millis)
      throws InterruptedException {
    List<Ed25519KeyPair> keys = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 16; i++) {
      keys.add(Ed25519KeyPair.generate(random));
    }
    List<Transaction> transactions =
        new TransactionFactory(keys, payloadBytes, true, 3).next(1_024);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong verified = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                long count = 0;
                int i = 0;
                while (!stop.get()) {
                  verify(transactions.get(i));
                  i = (i + 1) % transactions.size();
                  count++;
                }
                verified.addAndGet(count);
                done.countDown();
              },
              "verify-ceiling-" + t);
      workers.add(worker);
    }
    // warm up the verifier's JIT on this thread before timing
    for (int i = 0; i < 2_000; i++) {
      verify(transactions.get(i % transactions.size()));
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(millis);
    stop.set(true);
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    return verified.get() / seconds;
  }

  private static void verify(Transaction tx) {
    if (!tx.hasValidSignature(Ed25519Verifier.INSTANCE)) {
      throw new IllegalStateException("a freshly signed transaction did not verify");
    }
  }
}
