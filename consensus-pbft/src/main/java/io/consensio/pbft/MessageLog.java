package io.consensio.pbft;

import io.consensio.pbft.messages.PreparedProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The replica's message log (OSDI'99 §4.2): one {@link Slot} per (view, sequence number), plus, for
 * each sequence number, the prepared certificate from the highest view in which it prepared, which
 * is what a VIEW-CHANGE reports (§4.4). Entries at or below the stable checkpoint are discarded
 * (§4.3). Not thread-safe.
 */
public final class MessageLog {
  private final NavigableMap<Long, Map<Long, Slot>> slotsBySeq = new TreeMap<>();
  private final NavigableMap<Long, PreparedProof> preparedProofs = new TreeMap<>();

  /** The slot for (view, seq), created empty on first use. */
  public Slot slot(long view, long seq) {
    return slotsBySeq
        .computeIfAbsent(seq, s -> new TreeMap<>())
        .computeIfAbsent(view, v -> new Slot(view, seq));
  }

  public boolean hasSlot(long view, long seq) {
    Map<Long, Slot> byView = slotsBySeq.get(seq);
    return byView != null && byView.containsKey(view);
  }

  /** The slots of {@code view} with sequence numbers at or above {@code fromSeq}, ascending. */
  public List<Slot> slotsOfViewFrom(long view, long fromSeq) {
    List<Slot> found = new ArrayList<>();
    for (Map<Long, Slot> byView : slotsBySeq.tailMap(fromSeq, true).values()) {
      Slot slot = byView.get(view);
      if (slot != null) {
        found.add(slot);
      }
    }
    return found;
  }

  /** Records a prepared certificate if it is from a higher view than the one already held. */
  public void recordPrepared(PreparedProof proof) {
    PreparedProof held = preparedProofs.get(proof.seq());
    if (held == null || held.view() < proof.view()) {
      preparedProofs.put(proof.seq(), proof);
    }
  }

  /** The prepared certificates with sequence numbers in (low, high], ascending. */
  public List<PreparedProof> preparedProofs(long low, long high) {
    return new ArrayList<>(preparedProofs.subMap(low, false, high, true).values());
  }

  /** Forgets slots of views below {@code view}; their prepared certificates stay (§4.4). */
  public void dropViewsBelow(long view) {
    for (Map<Long, Slot> byView : slotsBySeq.values()) {
      byView.keySet().removeIf(v -> v < view);
    }
    slotsBySeq.values().removeIf(Map::isEmpty);
  }

  /** Garbage collection at a stable checkpoint: drops everything at or below {@code stableSeq}. */
  public void truncateUpTo(long stableSeq) {
    slotsBySeq.headMap(stableSeq, true).clear();
    preparedProofs.headMap(stableSeq, true).clear();
  }

  /** Number of sequence numbers with logged messages (for status and tests). */
  public int size() {
    return slotsBySeq.size();
  }
}
