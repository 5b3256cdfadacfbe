package io.consensio.raft.harness;

import io.consensio.api.services.AdmitResult;
import io.consensio.api.services.Mempool;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A {@link Mempool} with the contract's life cycle: ready, taken (in flight), requeued, and gone
 * once a block holding the transaction becomes canonical. Signatures are not checked here.
 */
public final class FakeMempool implements Mempool {
  private final Map<Hash, Transaction> ready = new LinkedHashMap<>();
  private final Map<Hash, Transaction> inFlight = new LinkedHashMap<>();
  private final Set<Hash> done = new HashSet<>();

  @Override
  public AdmitResult submit(Transaction tx) {
    if (done.contains(tx.id()) || contains(tx.id())) {
      return AdmitResult.rejected("duplicate");
    }
    ready.put(tx.id(), tx);
    return AdmitResult.ACCEPTED;
  }

  @Override
  public List<Transaction> takeBatch(int maxTxs, int maxBytes) {
    List<Transaction> out = new ArrayList<>();
    int bytes = 0;
    for (Transaction tx : new ArrayList<>(ready.values())) {
      if (out.size() >= maxTxs || bytes + tx.encodedSize() > maxBytes) {
        break;
      }
      out.add(tx);
      bytes += tx.encodedSize();
      ready.remove(tx.id());
      inFlight.put(tx.id(), tx);
    }
    return out;
  }

  @Override
  public void requeue(Collection<Transaction> transactions) {
    for (Transaction tx : transactions) {
      if (inFlight.remove(tx.id()) != null && !done.contains(tx.id())) {
        ready.put(tx.id(), tx);
      }
    }
  }

  /** A block holding these became canonical. */
  public void removeCommitted(List<Transaction> transactions) {
    for (Transaction tx : transactions) {
      ready.remove(tx.id());
      inFlight.remove(tx.id());
      done.add(tx.id());
    }
  }

  @Override
  public boolean contains(Hash txId) {
    return ready.containsKey(txId) || inFlight.containsKey(txId);
  }

  @Override
  public int size() {
    return ready.size() + inFlight.size();
  }

  @Override
  public int readyCount() {
    return ready.size();
  }

  public int inFlightCount() {
    return inFlight.size();
  }

  @Override
  public OptionalLong oldestArrivalMillis() {
    return OptionalLong.empty();
  }
}
