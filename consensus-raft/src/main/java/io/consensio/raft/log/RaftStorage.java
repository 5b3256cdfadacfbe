package io.consensio.raft.log;

import io.consensio.api.services.DurableStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raft's layout in the engine's {@link DurableStore}: the {@link HardState}, one key per log entry
 * (index big-endian, so key order is log order) and the latest snapshot. Every mutating method but
 * {@link #writeEntries} writes one atomic batch and then {@link DurableStore#sync() syncs}, because
 * Raft may only answer an RPC — or count its own entry towards a commit — once what it promises is
 * on disk (paper Figure 2; thesis §3.8, §10.2.1). {@link #writeEntries} is the exception the thesis
 * allows the leader (§10.2.1): it may send its new entries while its own write is in flight, and
 * {@link #sync} before it counts itself. Compaction replaces the log prefix and stores the snapshot
 * in the same batch, so a crash leaves either the old or the new state, never a mix.
 *
 * <p>The ledger is a disk-based state machine (thesis §5.3): its finalized state is durable by
 * itself, so a local compaction ({@link #saveCompaction}) stores only the {@link SnapshotMeta},
 * never the state. A snapshot received from a leader ({@link #saveSnapshot}) is stored whole,
 * because the ledger installs it after the log does: a crash in between finds the state here. It is
 * dropped by the next local compaction, which only ever covers blocks the ledger made final.
 *
 * <p>The log on disk is the one complete copy of every entry after the snapshot: {@link RaftLog}
 * keeps only entry headers in memory for entries it no longer expects to need, and reads their
 * bodies back with {@link #readEntry} / {@link #readEntries} (a lagging follower, a restart).
 */
public final class RaftStorage {
  private static final byte[] HARD_STATE = key("raft/hs");

  /** A snapshot received by InstallSnapshot, kept until a local compaction point passes it. */
  private static final byte[] SNAPSHOT = key("raft/snapshot");

  /** The compaction point: what the log knows of the prefix it replaced. */
  private static final byte[] SNAPSHOT_META = key("raft/snapshot-meta");

  private static final byte[] LOG_PREFIX = key("raft/log/");

  private final DurableStore store;

  public RaftStorage(DurableStore store) {
    this.store = store;
  }

  /**
   * Everything a restarting node recovers (paper §5: "persistent state on all servers"): the
   * compaction point, the snapshot received from a leader at that point if one is still kept, and
   * the log as the headers of its entries; their bodies stay on disk until {@link
   * RaftLog#loadBodiesFrom}.
   */
  public record Recovered(
      HardState hardState,
      Optional<SnapshotMeta> snapshot,
      Optional<Snapshot> installed,
      List<EntryHeader> log) {}

  /**
   * Reads the durable state. Entries at or below the snapshot never remain after a compaction
   * batch, but are skipped defensively; the remaining entries must be contiguous. Each entry is
   * read as its {@link EntryHeader} only: recovery does not decode the blocks the ledger already
   * holds.
   */
  public Recovered load() {
    HardState hs = store.get(HARD_STATE).map(HardState::decode).orElse(HardState.INITIAL);
    Optional<Snapshot> received = store.get(SNAPSHOT).map(Snapshot::decode);
    // A store written before compaction points were kept apart holds only the whole snapshot.
    Optional<SnapshotMeta> snapshot =
        store.get(SNAPSHOT_META).map(SnapshotMeta::decode).or(() -> received.map(Snapshot::meta));
    long snapshotIndex = snapshot.map(SnapshotMeta::lastIncludedIndex).orElse(0L);
    Optional<Snapshot> installed = received.filter(s -> s.lastIncludedIndex() == snapshotIndex);
    List<EntryHeader> entries = new ArrayList<>();
    store.scan(
        LOG_PREFIX,
        (k, v) -> {
          long index = indexOf(k);
          if (index > snapshotIndex) {
            entries.add(EntryHeader.decode(index, v));
          }
        });
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).index() != snapshotIndex + 1 + i) {
        throw new IllegalStateException(
            "raft log on disk has a gap before index " + entries.get(i).index());
      }
    }
    return new Recovered(hs, snapshot, installed, entries);
  }

  /** The stored entry at {@code index}, decoded; empty when none is stored there. */
  public Optional<LogEntry> readEntry(long index) {
    return store.get(entryKey(index)).map(bytes -> LogEntry.decode(index, bytes));
  }

  /**
   * The stored entries in [{@code from}, {@code to}], decoded, in log order. Throws {@link
   * IllegalStateException} if one is missing: the caller asks only for entries its log holds, so a
   * gap means the disk lost what it promised.
   */
  public List<LogEntry> readEntries(long from, long to) {
    List<LogEntry> out = new ArrayList<>((int) Math.max(0, Math.min(to - from + 1, 1024)));
    for (long i = from; i <= to; i++) {
      long index = i;
      out.add(
          readEntry(index)
              .orElseThrow(
                  () -> new IllegalStateException("raft log on disk lacks entry " + index)));
    }
    return out;
  }

  public void saveHardState(HardState hs) {
    store.put(HARD_STATE, hs.encode());
    store.sync();
  }

  /**
   * Deletes the entries in [{@code deleteFrom}, {@code deleteTo}] (a conflicting suffix) and stores
   * {@code entries}, atomically and durably.
   */
  public void replaceEntries(long deleteFrom, long deleteTo, List<LogEntry> entries) {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    for (long i = deleteFrom; i <= deleteTo; i++) {
      batch.put(entryKey(i), null);
    }
    for (LogEntry e : entries) {
      batch.put(entryKey(e.index()), e.encoded());
    }
    store.writeBatch(batch);
    store.sync();
  }

  /**
   * Stores the leader's new {@code entries}, which follow the last stored one, in one atomic batch
   * but without syncing; durable only after {@link #sync}.
   */
  public void writeEntries(List<LogEntry> entries) {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    for (LogEntry e : entries) {
      batch.put(entryKey(e.index()), e.encoded());
    }
    store.writeBatch(batch);
  }

  /** Makes every write so far durable. */
  public void sync() {
    store.sync();
  }

  /**
   * Stores {@code snapshot}, received from a leader, whole as the new compaction point and deletes
   * the log entries in [{@code deleteFrom}, {@code deleteTo}], atomically and durably.
   */
  public void saveSnapshot(Snapshot snapshot, long deleteFrom, long deleteTo) {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    batch.put(SNAPSHOT, snapshot.encode());
    batch.put(SNAPSHOT_META, snapshot.meta().encode());
    deleteEntries(batch, deleteFrom, deleteTo);
    store.writeBatch(batch);
    store.sync();
  }

  /**
   * Records {@code meta} as the compaction point of a prefix the ledger has applied and made final
   * (thesis §5.3), dropping any snapshot received earlier, and deletes the log entries in [{@code
   * deleteFrom}, {@code deleteTo}], atomically and durably.
   */
  public void saveCompaction(SnapshotMeta meta, long deleteFrom, long deleteTo) {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    batch.put(SNAPSHOT_META, meta.encode());
    batch.put(SNAPSHOT, null);
    deleteEntries(batch, deleteFrom, deleteTo);
    store.writeBatch(batch);
    store.sync();
  }

  private static void deleteEntries(Map<byte[], byte[]> batch, long from, long to) {
    for (long i = from; i <= to; i++) {
      batch.put(entryKey(i), null);
    }
  }

  static byte[] entryKey(long index) {
    byte[] k = new byte[LOG_PREFIX.length + 8];
    System.arraycopy(LOG_PREFIX, 0, k, 0, LOG_PREFIX.length);
    for (int i = 0; i < 8; i++) {
      k[LOG_PREFIX.length + i] = (byte) (index >>> (56 - 8 * i));
    }
    return k;
  }

  private static long indexOf(byte[] key) {
    if (key.length != LOG_PREFIX.length + 8) {
      throw new IllegalStateException("malformed raft log key");
    }
    long index = 0;
    for (int i = 0; i < 8; i++) {
      index = (index << 8) | (key[LOG_PREFIX.length + i] & 0xFF);
    }
    return index;
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
