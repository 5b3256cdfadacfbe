package io.consensio.pbft.harness;

import io.consensio.api.services.AdmitResult;
import io.consensio.api.services.Mempool;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A mempool with the real one's contract: arrival order, in-flight tracking between takeBatch and
 * requeue, removal when a block containing the transaction becomes canonical.
 */
public final class FakeMempool implements Mempool {
  private record Entry(Transaction tx, long arrival, boolean inFlight) {}

  private final Map<Hash, Entry> entries = new LinkedHashMap<>();
  private final Scheduler scheduler;

  public FakeMempool(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public AdmitResult submit(Transaction tx) {
    if (entries.containsKey(tx.id())) {
      return AdmitResult.rejected("duplicate");
    }
    entries.put(tx.id(), new Entry(tx, scheduler.nowMillis(), false));
    return AdmitResult.ACCEPTED;
  }

  @Override
  public List<Transaction> takeBatch(int maxTxs, int maxBytes) {
    List<Transaction> out = new ArrayList<>();
    int bytes = 0;
    for (Entry e : List.copyOf(entries.values())) {
      if (out.size() >= maxTxs) {
        break;
      }
      if (e.inFlight() || bytes + e.tx().encodedSize() > maxBytes) {
        continue;
      }
      bytes += e.tx().encodedSize();
      out.add(e.tx());
      entries.put(e.tx().id(), new Entry(e.tx(), e.arrival(), true));
    }
    return out;
  }

  @Override
  public void requeue(Collection<Transaction> transactions) {
    for (Transaction tx : transactions) {
      Entry e = entries.get(tx.id());
      if (e != null) {
        entries.put(tx.id(), new Entry(e.tx(), e.arrival(), false));
      }
    }
  }

  void removeIncluded(List<Transaction> txs) {
    for (Transaction tx : txs) {
      entries.remove(tx.id());
    }
  }

  @Override
  public boolean contains(Hash txId) {
    return entries.containsKey(txId);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public int readyCount() {
    return (int) entries.values().stream().filter(e -> !e.inFlight()).count();
  }

  @Override
  public OptionalLong oldestArrivalMillis() {
    return entries.values().stream().mapToLong(Entry::arrival).min();
  }
}
