package io.consensio.dpos.schedule;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the engine knows about one round on one branch: its number, first slot, the shuffled
 * delegate schedule (one slot each, in order), and every recent delegate's produced/missed counters
 * as of the round's start. (Penalties are not here: double production is punished by the ledger,
 * see {@link io.consensio.dpos.evidence.DoubleProductionJudge}, and the election reads the result
 * from the ledger state.)
 *
 * <p>The first block of every round carries this record in its seal, the way an EOSIO block header
 * carries {@code new_producers} (EOSIO "Consensus Protocol", block production section): the ledger
 * prunes the states of old final blocks, so a node restarting mid-round could not recompute the
 * schedule from state, but it can always read it from the round's first block. A carried record is
 * never trusted: {@link RoundPlanner} recomputes it from the boundary state on import and the block
 * is refused unless the two are byte-for-byte equal. Immutable.
 *
 * @param round round number; round 0 begins at slot 1, the first slot after genesis
 * @param startSlot first slot of the round; the round has {@code schedule.size()} slots
 * @param schedule delegates in slot order: slot {@code startSlot + i} belongs to {@code
 *     schedule.get(i)}
 * @param stats produced/missed counters of the delegates of this and the previous round, counted up
 *     to (not including) this round, sorted by key
 */
public record RoundState(
    long round,
    long startSlot,
    List<PublicKey> schedule,
    SortedMap<PublicKey, ProducerStats> stats) {
  private static final int MAX_SCHEDULE = 1024;
  private static final int MAX_STATS = 2 * MAX_SCHEDULE;

  public RoundState {
    if (round < 0 || startSlot < 1) {
      throw new IllegalArgumentException("round must be >= 0 and startSlot >= 1");
    }
    schedule = List.copyOf(schedule);
    if (schedule.isEmpty() || new HashSet<>(schedule).size() != schedule.size()) {
      throw new IllegalArgumentException("a schedule names at least one delegate, each once");
    }
    stats = Collections.unmodifiableSortedMap(new TreeMap<>(stats));
  }

  /** One past the last slot of the round: the next round's first slot. */
  public long endSlot() {
    return startSlot + schedule.size();
  }

  public boolean containsSlot(long slot) {
    return slot >= startSlot && slot < endSlot();
  }

  /** The delegate owning {@code slot}, which must lie in this round. */
  public PublicKey producerOf(long slot) {
    if (!containsSlot(slot)) {
      throw new IllegalArgumentException("slot " + slot + " is not in round " + round);
    }
    return schedule.get((int) (slot - startSlot));
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(64 + schedule.size() * 32 + stats.size() * 48);
    w.writeLong(round).writeLong(startSlot);
    w.writeList(schedule, (writer, key) -> key.write(writer));
    w.writeList(
        stats.entrySet(),
        (writer, entry) -> {
          entry.getKey().write(writer);
          writer.writeLong(entry.getValue().produced());
          writer.writeLong(entry.getValue().missed());
        });
    return w.toByteArray();
  }

  /** SHA-256 of the encoding; what the producer's seal signature commits to. */
  public Hash digest() {
    return Hash.sha256(encode());
  }

  /** Reads a record; rejects unsorted or duplicate stats keys, so a record has one encoding. */
  public static RoundState read(CanonicalReader r) {
    long round = r.readNonNegativeLong("round");
    long startSlot = r.readNonNegativeLong("startSlot");
    List<PublicKey> schedule = r.readList(MAX_SCHEDULE, PublicKey::read);
    List<Map.Entry<PublicKey, ProducerStats>> entries =
        r.readList(
            MAX_STATS,
            reader ->
                Map.entry(
                    PublicKey.read(reader),
                    new ProducerStats(
                        reader.readNonNegativeLong("produced"),
                        reader.readNonNegativeLong("missed"))));
    List<PublicKey> statKeys = new ArrayList<>();
    SortedMap<PublicKey, ProducerStats> stats = new TreeMap<>();
    for (Map.Entry<PublicKey, ProducerStats> entry : entries) {
      statKeys.add(entry.getKey());
      stats.put(entry.getKey(), entry.getValue());
    }
    requireAscending(statKeys, "stats");
    try {
      return new RoundState(round, startSlot, schedule, stats);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid round state: " + e.getMessage());
    }
  }

  private static void requireAscending(List<PublicKey> keys, String what) {
    for (int i = 1; i < keys.size(); i++) {
      if (keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
        throw new DecodingException(what + " keys must be strictly ascending");
      }
    }
  }
}
