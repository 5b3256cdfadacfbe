package io.consensio.app.reliability;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.TxStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * One chaos client: a closed loop of writes and reads on a few keys, each recorded with its
 * invocation and completion time.
 *
 * <p>A write is a signed {@code KvPut}; it completes when a node reports its transaction final. A
 * read goes through the log, as a quorum read would: the client submits a marker transaction, waits
 * until it is final at (height, index), and reads the key's value at that position of the final
 * chain. Both keep resending the same signed transaction to random nodes while nodes die, and give
 * up after {@code timeoutMillis}; a write that never completed is recorded as such and ends this
 * client (its nonce may still be pending, so later transactions could not execute).
 *
 * <p>Runs on its own thread; shares only the history list and the chain reader.
 */
final class KvClient implements Runnable {
  static final List<String> KEYS = List.of("k0", "k1", "k2");

  private final int id;
  private final Ed25519KeyPair key;
  private final List<NodeClient> nodes;
  private final FinalChainReader chain;
  private final CopyOnWriteArrayList<KvOperation> history;
  private final List<Hash> acknowledgedWrites;
  private final BooleanSupplier keepGoing;
  private final long timeoutMillis;
  private final Random random;
  private long nonce;
  private int seq;

  KvClient(
      int id,
      Ed25519KeyPair key,
      List<NodeClient> nodes,
      FinalChainReader chain,
      CopyOnWriteArrayList<KvOperation> history,
      List<Hash> acknowledgedWrites,
      BooleanSupplier keepGoing,
      long timeoutMillis,
      long seed) {
    this.id = id;
    this.key = key;
    this.nodes = nodes;
    this.chain = chain;
    this.history = history;
    this.acknowledgedWrites = acknowledgedWrites;
    this.keepGoing = keepGoing;
    this.timeoutMillis = timeoutMillis;
    this.random = new Random(seed);
  }

  @Override
  public void run() {
    nonce = startingNonce();
    while (keepGoing.getAsBoolean()) {
      String k = KEYS.get(random.nextInt(KEYS.size()));
      boolean completed = random.nextBoolean() ? put(k) : get(k);
      if (!completed) {
        return;
      }
    }
  }

  private long startingNonce() {
    while (true) {
      try {
        return nodes.get(random.nextInt(nodes.size())).account(key.publicKey()).nonce();
      } catch (RuntimeException unreachable) {
        pause(200);
      }
    }
  }

  private boolean put(String k) {
    String value = "c" + id + "-" + seq++;
    long invoked = System.nanoTime();
    Transaction tx = sign(k, value);
    Optional<TxStatus> status = untilFinal(tx);
    long done = status.isPresent() ? System.nanoTime() : KvOperation.NEVER;
    if (status.isPresent()) {
      acknowledgedWrites.add(tx.id());
    }
    history.add(new KvOperation(id, true, k, value, invoked, done));
    return status.isPresent();
  }

  private boolean get(String k) {
    long invoked = System.nanoTime();
    Transaction marker = sign("marker/c" + id, Integer.toString(seq++));
    Optional<TxStatus> status = untilFinal(marker);
    if (status.isEmpty()) {
      return false; // a read that never answered observed nothing; not recorded
    }
    long done = System.nanoTime();
    TxStatus at = status.get();
    String value = chain.valueBefore(k, at.height().orElseThrow(), at.index().orElseThrow());
    history.add(new KvOperation(id, false, k, value, invoked, done));
    return true;
  }

  private Transaction sign(String k, String value) {
    return Transaction.sign(
        key,
        nonce++,
        1,
        new TxPayload.KvPut(
            k.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Sends {@code tx} (again every 1.5 s) until some node reports it final, or times out. */
  private Optional<TxStatus> untilFinal(Transaction tx) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    long nextSend = 0;
    while (System.currentTimeMillis() < deadline) {
      NodeClient node = nodes.get(random.nextInt(nodes.size()));
      try {
        if (System.currentTimeMillis() >= nextSend) {
          node.submit(tx);
          nextSend = System.currentTimeMillis() + 1_500;
        }
        Optional<TxStatus> status = node.transactionStatus(tx.id());
        if (status.isPresent() && status.get().isFinal()) {
          chain.reportFinal(
              status.get().height().orElseThrow(), status.get().blockId().orElseThrow().toHex());
          return status;
        }
      } catch (RuntimeException unreachable) {
        // that node is down, paused or cut off: try another
      }
      pause(50);
    }
    return Optional.empty();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
