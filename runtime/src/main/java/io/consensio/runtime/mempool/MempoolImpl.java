package io.consensio.runtime.mempool;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.services.Mempool;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.crypto.FingerprintSet;
import io.consensio.runtime.ledger.HeadListener;
import io.consensio.runtime.state.TransactionExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's pool of admitted transactions.
 *
 * <p>Admission checks size, duplicates, the signature, the nonce against the head state (not below
 * it, at most {@code maxNonceGap} ahead) and that the sender can pay. New transactions are
 * forwarded to peers once; a bounded set of recently seen ids stops gossip from echoing forever.
 *
 * <p>Eviction rule when full: the incoming transaction is admitted only if its fee is strictly
 * higher than the cheapest sender tail (the highest-nonce transaction of some sender, so eviction
 * never opens a nonce gap); that tail is evicted, the most recent arrival first among equal fees.
 * Otherwise it is refused with {@code mempool-full}.
 *
 * <p>Batches are handed out oldest ready transaction first, each sender's transactions in nonce
 * order. Called only on the event-loop thread.
 */
public final class MempoolImpl implements Mempool, HeadListener {
  private final Supplier<LedgerState> headState;
  private final Verifier verifier;
  private final Scheduler scheduler;
  private final Metrics metrics;
  private final MempoolConfig config;
  private final Consumer<Transaction> forwarder;
  private final Runnable onAvailable;

  private final LinkedHashMap<Hash, PoolEntry> byId = new LinkedHashMap<>();
  private final Map<PublicKey, SenderQueue> senders = new HashMap<>();
  private final TreeMap<Long, SenderQueue> readyByArrival = new TreeMap<>();

  /** Cheapest first; among equal fees the most recent arrival first (compared without boxing). */
  private final TreeSet<PoolEntry> evictableTails =
      new TreeSet<>(
          (a, b) -> {
            int byFee = Long.compare(a.fee(), b.fee());
            return byFee != 0 ? byFee : Long.compare(b.arrivalSequence(), a.arrivalSequence());
          });

  private final FingerprintSet seen;
  private long arrivals;
  private long bytes;
  private int inFlight;
  private boolean availabilityNoticePending;

  public MempoolImpl(
      Supplier<LedgerState> headState,
      Verifier verifier,
      Scheduler scheduler,
      Metrics metrics,
      MempoolConfig config,
      Consumer<Transaction> forwarder,
      Runnable onAvailable) {
    this.headState = headState;
    this.verifier = verifier;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.config = config;
    this.forwarder = forwarder;
    this.onAvailable = onAvailable;
    this.seen = new FingerprintSet(config.seenCacheSize());
    metrics.gauge("mempool.size", byId::size);
    metrics.gauge("mempool.bytes", () -> bytes);
  }

  @Override
  public AdmitResult submit(Transaction tx) {
    AdmitResult result = admit(tx, true);
    metrics.increment(
        "mempool.submitted", "result", result.accepted() ? "accepted" : result.reason());
    if (result.accepted()) {
      forwarder.accept(tx);
      noticeAvailability();
    }
    return result;
  }

  /** True when the id was seen recently (admitted, refused as invalid, or committed). */
  public boolean hasSeen(Hash txId) {
    return seen.contains(txId);
  }

  private AdmitResult admit(Transaction tx, boolean checkSignature) {
    Hash id = tx.id();
    if (byId.containsKey(id)) {
      return AdmitResult.rejected("duplicate");
    }
    if (tx.encodedSize() > Transaction.MAX_ENCODED_BYTES) {
      return AdmitResult.rejected("too-large");
    }
    LedgerState state = headState.get();
    long stateNonce = state.nonce(tx.sender());
    if (tx.nonce() < stateNonce) {
      seen.add(id);
      return AdmitResult.rejected("nonce-too-low");
    }
    SenderQueue queue = senders.get(tx.sender());
    long expected = queue == null ? stateNonce : Math.max(stateNonce, queue.highestNonce() + 1);
    if (tx.nonce() > expected + config.maxNonceGap()) {
      return AdmitResult.rejected("nonce-too-high");
    }
    if (queue != null && queue.holds(tx.nonce())) {
      return AdmitResult.rejected("nonce-taken");
    }
    if (!canPay(state, tx)) {
      return AdmitResult.rejected("insufficient-balance");
    }
    if (checkSignature && !tx.hasValidSignature(verifier)) {
      seen.add(id);
      metrics.increment("mempool.forged");
      return AdmitResult.rejected("bad-signature");
    }
    if (!makeRoomFor(tx)) {
      return AdmitResult.rejected("mempool-full");
    }
    insert(tx, state);
    seen.add(id);
    return AdmitResult.ACCEPTED;
  }

  private static boolean canPay(LedgerState state, Transaction tx) {
    long spend = 0;
    if (tx.payload() instanceof TxPayload.Transfer t) {
      spend = t.amount();
    } else if (tx.payload() instanceof TxPayload.Stake s) {
      spend = s.amount();
    } else if (tx.payload() instanceof TxPayload.RegisterCandidate r) {
      spend = r.deposit();
    }
    long balance = state.balance(tx.sender());
    return spend <= balance && tx.fee() <= balance - spend;
  }

  private boolean makeRoomFor(Transaction tx) {
    while (byId.size() >= config.maxTransactions()
        || bytes + tx.encodedSize() > config.maxBytes()) {
      PoolEntry victim = evictableTails.isEmpty() ? null : evictableTails.first();
      if (victim == null || victim.fee() >= tx.fee()) {
        return false;
      }
      remove(victim);
      metrics.increment("mempool.evicted");
    }
    return true;
  }

  private void insert(Transaction tx, LedgerState state) {
    SenderQueue queue =
        senders.computeIfAbsent(tx.sender(), s -> new SenderQueue(s, state.nonce(s)));
    PoolEntry entry = new PoolEntry(tx, arrivals++, scheduler.nowMillis());
    PoolEntry oldTail = queue.tail();
    PoolEntry readyBefore = queue.readyEntry();
    if (tx.nonce() < queue.nextTake()) {
      // a gap below the take pointer was refilled (after an eviction or a reorg): hand out from
      // here
      inFlight -= queue.countBetween(tx.nonce(), queue.nextTake());
      queue.setNextTake(tx.nonce());
    }
    queue.put(entry);
    byId.put(tx.id(), entry);
    bytes += tx.encodedSize();
    if (oldTail == null || tx.nonce() > oldTail.nonce()) {
      if (oldTail != null) {
        evictableTails.remove(oldTail);
      }
      evictableTails.add(entry);
    }
    readyChanged(queue, readyBefore);
  }

  private void remove(PoolEntry entry) {
    Transaction tx = entry.tx();
    SenderQueue queue = senders.get(tx.sender());
    PoolEntry readyBefore = queue.readyEntry();
    boolean wasTail = queue.tail() == entry;
    queue.remove(tx.nonce());
    byId.remove(tx.id());
    bytes -= tx.encodedSize();
    if (tx.nonce() < queue.nextTake()) {
      inFlight--;
    }
    if (wasTail) {
      evictableTails.remove(entry);
      PoolEntry newTail = queue.tail();
      if (newTail != null) {
        evictableTails.add(newTail);
      }
    }
    readyChanged(queue, readyBefore);
    if (queue.isEmpty()) {
      senders.remove(tx.sender());
    }
  }

  /**
   * Moves {@code queue} in the arrival index if its ready entry is no longer {@code readyBefore}
   * (most insertions extend a tail and leave it as it was).
   */
  private void readyChanged(SenderQueue queue, PoolEntry readyBefore) {
    PoolEntry ready = queue.readyEntry();
    if (ready != readyBefore) {
      if (readyBefore != null) {
        readyByArrival.remove(readyBefore.arrivalSequence());
      }
      if (ready != null) {
        readyByArrival.put(ready.arrivalSequence(), queue);
      }
    }
  }

  @Override
  public List<Transaction> takeBatch(int maxTxs, int maxBytes) {
    List<Transaction> batch = new ArrayList<>(Math.min(maxTxs, readyByArrival.size() * 2 + 1));
    long batchBytes = 0;
    while (batch.size() < maxTxs && !readyByArrival.isEmpty()) {
      SenderQueue queue = readyByArrival.pollFirstEntry().getValue();
      PoolEntry next = queue.readyEntry();
      boolean tookAny = false;
      while (next != null && batch.size() < maxTxs) {
        int size = next.tx().encodedSize();
        if (batchBytes + size > maxBytes) {
          break;
        }
        batch.add(next.tx());
        batchBytes += size;
        queue.setNextTake(queue.nextTake() + 1);
        inFlight++;
        tookAny = true;
        next = queue.readyEntry();
      }
      readyChanged(
          queue, null); // polled out of the index above: put back under its new ready entry
      if (!tookAny) {
        break; // the oldest ready transaction does not fit: keep arrival order, stop here
      }
    }
    return batch;
  }

  /**
   * Takes back transactions an engine could not get into a block. It does not signal availability:
   * the engine gave them back because it cannot use them now (it lost leadership, or they are not
   * valid on the block it builds on), and waking it for them would only make it try again at once,
   * in a loop that never lets time advance.
   */
  @Override
  public void requeue(Collection<Transaction> transactions) {
    for (Transaction tx : transactions) {
      PoolEntry entry = byId.get(tx.id());
      if (entry == null) {
        continue;
      }
      SenderQueue queue = senders.get(tx.sender());
      if (tx.nonce() < queue.nextTake()) {
        moveTakePointer(queue, tx.nonce());
      }
    }
  }

  /**
   * Drops {@code tx} after the ledger refused to execute it while building a block, unless the
   * reason may pass with time ({@code bad-nonce}: an earlier transaction is missing; {@code
   * insufficient-balance}: funds may arrive). Kept, a transaction that can never run would be
   * handed out and given back forever, and every later transaction of its sender would wait behind
   * it. The sender's queue then waits at that nonce for a replacement.
   */
  public void discardRefused(Transaction tx, String reason) {
    if (reason.equals(TransactionExecutor.BAD_NONCE)
        || reason.equals(TransactionExecutor.INSUFFICIENT_BALANCE)) {
      return;
    }
    PoolEntry entry = byId.get(tx.id());
    if (entry == null) {
      return;
    }
    remove(entry);
    SenderQueue queue = senders.get(tx.sender());
    if (queue != null && queue.nextTake() > tx.nonce()) {
      moveTakePointer(queue, tx.nonce());
    }
    metrics.increment("mempool.discarded", "reason", reason);
  }

  /** Moves a sender's take pointer, keeping the in-flight count and the ready index consistent. */
  private void moveTakePointer(SenderQueue queue, long nextTake) {
    PoolEntry readyBefore = queue.readyEntry();
    if (nextTake < queue.nextTake()) {
      inFlight -= queue.countBetween(nextTake, queue.nextTake());
    } else {
      inFlight += queue.countBetween(queue.nextTake(), nextTake);
    }
    queue.setNextTake(nextTake);
    readyChanged(queue, readyBefore);
  }

  @Override
  public void onHeadChanged(List<Block> reverted, List<Block> applied) {
    Set<PublicKey> touched = new HashSet<>();
    for (Block block : applied) {
      for (Transaction tx : block.transactions()) {
        seen.add(tx.id());
        touched.add(tx.sender());
        PoolEntry entry = byId.get(tx.id());
        if (entry != null) {
          remove(entry);
        }
      }
    }
    LedgerState state = headState.get();
    boolean readmitted = false;
    Set<PublicKey> revertedSenders = new HashSet<>();
    // only a reorg needs to know which reverted transactions the new branch includes again
    Set<Hash> nowIncluded = reverted.isEmpty() ? Set.of() : idsOf(applied);
    for (Block block : reverted) {
      for (Transaction tx : block.transactions()) {
        revertedSenders.add(tx.sender());
        if (!nowIncluded.contains(tx.id()) && admit(tx, false).accepted()) {
          metrics.increment("mempool.readmitted");
          readmitted = true;
        }
        touched.add(tx.sender());
      }
    }
    for (PublicKey sender : touched) {
      resyncNonces(sender, state.nonce(sender), revertedSenders.contains(sender));
    }
    if (readmitted || !readyByArrival.isEmpty()) {
      noticeAvailability();
    }
  }

  private static Set<Hash> idsOf(List<Block> blocks) {
    Set<Hash> ids = new HashSet<>();
    for (Block block : blocks) {
      for (Transaction tx : block.transactions()) {
        ids.add(tx.id());
      }
    }
    return ids;
  }

  /**
   * Drops what the head state has made stale and moves the take pointer onto the state nonce. After
   * a reorg took transactions of this sender off the chain, anything it had in flight was built on
   * them, so the pointer goes back to the state nonce and they are handed out again.
   */
  private void resyncNonces(PublicKey sender, long stateNonce, boolean reverted) {
    SenderQueue queue = senders.get(sender);
    if (queue == null) {
      return;
    }
    for (PoolEntry stale : queue.below(stateNonce)) {
      remove(stale);
    }
    queue = senders.get(sender);
    if (queue != null && (queue.nextTake() < stateNonce || reverted)) {
      moveTakePointer(queue, stateNonce);
    }
  }

  /** Tells the engine once per event-loop turn, however many transactions arrived in it. */
  private void noticeAvailability() {
    if (!availabilityNoticePending) {
      availabilityNoticePending = true;
      scheduler.schedule(
          0,
          () -> {
            availabilityNoticePending = false;
            onAvailable.run();
          });
    }
  }

  /**
   * True when the mempool holds exactly this transaction, signature included, so its signature was
   * verified on admission. The id leaves the signature out, so the id alone would not do.
   */
  public boolean holdsVerified(Transaction tx) {
    PoolEntry entry = byId.get(tx.id());
    return entry != null && entry.tx().signature().equals(tx.signature());
  }

  @Override
  public boolean contains(Hash txId) {
    return byId.containsKey(txId);
  }

  @Override
  public int size() {
    return byId.size();
  }

  @Override
  public int readyCount() {
    return byId.size() - inFlight;
  }

  @Override
  public OptionalLong oldestArrivalMillis() {
    return byId.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(byId.values().iterator().next().arrivalMillis());
  }

  public long bytes() {
    return bytes;
  }
}
