package io.consensio.raft.log;

import io.consensio.api.types.Hash;
import io.consensio.raft.quorum.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated log (paper §5.3) with its compacted prefix (thesis chapter 5), mirrored durably
 * through {@link RaftStorage}. Every mutation is on disk before the method returns, except the
 * leader's {@link #appendWithoutSync}.
 *
 * <p>It also answers the questions the protocol asks of the log: the term at an index (for the
 * AppendEntries consistency check and the election restriction), where a conflict starts, the hint
 * for fast back-off (paper §5.3, final paragraphs), and which configuration is in force — the
 * latest one in the log, committed or not (thesis §4.1: "a server always uses the latest
 * configuration in its log").
 *
 * <p><b>Headers and bodies.</b> For every entry after the snapshot the log keeps its {@link
 * EntryHeader} (index, term, kind, block id, configuration, size), which answers all of the above.
 * An entry's body — the {@link LogEntry} with its encoding and decoded block — is held in memory
 * only from {@link #firstIndexInMemory()} on: the entries not yet applied to the ledger, and on a
 * leader those a follower in step may still be sent. The engine moves that boundary forward with
 * {@link #releaseBodiesBefore}; a body below it is read back from storage when asked for (a lagging
 * follower's AppendEntries, a restart), and not kept. So memory holds the entries' headers plus a
 * bounded window of bodies, however large the blocks, while disk keeps the whole log until
 * compaction (thesis §5.1). After a restart no body is in memory until {@link #loadBodiesFrom}.
 *
 * <p>Not thread-safe; used on the event loop only.
 */
public final class RaftLog {
  private final RaftStorage storage;
  private final Configuration bootstrap;

  /** One per entry after the snapshot, in log order. */
  private final List<Slot> slots = new ArrayList<>();

  /** The bodies of the entries from {@link #bodiesFrom} to the last index, in log order. */
  private final List<LogEntry> bodies = new ArrayList<>();

  private final NavigableMap<Long, Configuration> configEntries = new TreeMap<>();
  private long bodiesFrom;
  private long bodyBytes;
  private SnapshotMeta snapshot;

  /** An entry's header and the encoded bytes of the log up to and including it. */
  private record Slot(EntryHeader header, long bytesThrough) {}

  /**
   * A log recovered from {@code storage}, as headers only; {@code bootstrap} applies until a config
   * is logged.
   */
  public RaftLog(
      RaftStorage storage,
      Configuration bootstrap,
      Optional<SnapshotMeta> snapshot,
      List<EntryHeader> recovered) {
    this.storage = storage;
    this.bootstrap = bootstrap;
    this.snapshot = snapshot.orElse(null);
    for (EntryHeader h : recovered) {
      addHeader(h);
    }
    this.bodiesFrom = lastIndex() + 1;
  }

  public long snapshotIndex() {
    return snapshot == null ? 0 : snapshot.lastIncludedIndex();
  }

  public long snapshotTerm() {
    return snapshot == null ? 0 : snapshot.lastIncludedTerm();
  }

  public Optional<SnapshotMeta> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  public long firstIndex() {
    return snapshotIndex() + 1;
  }

  public long lastIndex() {
    return snapshotIndex() + slots.size();
  }

  public long lastTerm() {
    return slots.isEmpty() ? snapshotTerm() : slots.get(slots.size() - 1).header().term();
  }

  /** Entries after the snapshot (their headers are in memory, their bodies on disk). */
  public int size() {
    return slots.size();
  }

  /** Encoded bytes of the entries after the snapshot, as stored on disk. */
  public long sizeBytes() {
    return bytesBetween(firstIndex(), lastIndex());
  }

  /** Encoded bytes of the entries in [{@code from}, {@code to}] after the snapshot (clamped). */
  public long bytesBetween(long from, long to) {
    long first = Math.max(from, firstIndex());
    long last = Math.min(to, lastIndex());
    if (first > last) {
      return 0;
    }
    Slot a = slot(first);
    return slot(last).bytesThrough() - a.bytesThrough() + a.header().sizeBytes();
  }

  /** The first index whose body is held in memory; {@link #lastIndex()} + 1 when none is. */
  public long firstIndexInMemory() {
    return bodiesFrom;
  }

  /** Encoded bytes of the bodies held in memory (each also holds its decoded block). */
  public long bodyBytesInMemory() {
    return bodyBytes;
  }

  /** The term of the entry at {@code index}, or -1 when it is compacted away or beyond the log. */
  public long term(long index) {
    if (index == snapshotIndex()) {
      return snapshotTerm();
    }
    if (index < snapshotIndex() || index > lastIndex()) {
      return -1;
    }
    return slot(index).header().term();
  }

  /** True when the log holds an entry at {@code index} with {@code term} (paper §5.3). */
  public boolean matches(long index, long term) {
    return term(index) == term;
  }

  /** The whole entry at {@code index}: from memory, or read back from storage (and not kept). */
  public LogEntry entry(long index) {
    checkInLog(index);
    if (index >= bodiesFrom) {
      return bodies.get((int) (index - bodiesFrom));
    }
    return storage.readEntries(index, index).get(0);
  }

  /**
   * Entries from {@code from} on, at most {@code maxBytes} in total but always at least one when
   * there is one. The sizes come from the headers; bodies no longer in memory are read from storage
   * in one pass.
   */
  public List<LogEntry> slice(long from, long maxBytes) {
    long to = from - 1;
    long bytes = 0;
    for (long i = from; i <= lastIndex(); i++) {
      int size = slot(i).header().sizeBytes();
      if (to >= from && bytes + size > maxBytes) {
        break;
      }
      to = i;
      bytes += size;
    }
    if (to < from) {
      return List.of();
    }
    checkInLog(from);
    List<LogEntry> out = new ArrayList<>((int) (to - from + 1));
    if (from < bodiesFrom) {
      out.addAll(storage.readEntries(from, Math.min(to, bodiesFrom - 1)));
    }
    for (long i = Math.max(from, bodiesFrom); i <= to; i++) {
      out.add(bodies.get((int) (i - bodiesFrom)));
    }
    return out;
  }

  /**
   * Drops from memory the bodies of the entries before {@code index}, keeping their headers: the
   * engine calls this once they are applied and no follower in step still needs them. Never moves
   * the boundary backwards; a released body is read from storage when asked for.
   */
  public void releaseBodiesBefore(long index) {
    long to = Math.min(index, lastIndex() + 1);
    if (to <= bodiesFrom) {
      return;
    }
    forget(bodies.subList(0, (int) (to - bodiesFrom)));
    bodiesFrom = to;
  }

  /**
   * Reads back from storage the bodies from {@code index} on that are not in memory: after a
   * restart, those of the entries the ledger has not applied yet, which recovery re-imports.
   */
  public void loadBodiesFrom(long index) {
    long from = Math.max(index, firstIndex());
    if (from >= bodiesFrom) {
      return;
    }
    List<LogEntry> loaded = storage.readEntries(from, bodiesFrom - 1);
    loaded.forEach(e -> bodyBytes += e.sizeBytes());
    bodies.addAll(0, loaded);
    bodiesFrom = from;
  }

  /**
   * "Election restriction" (paper §5.4.1): a log with {@code lastTerm}/{@code lastIndex} is at
   * least as up to date as ours.
   */
  public boolean isUpToDate(long otherLastIndex, long otherLastTerm) {
    return otherLastTerm > lastTerm()
        || (otherLastTerm == lastTerm() && otherLastIndex >= lastIndex());
  }

  /**
   * The leader's own new entries (paper §5.3), written but not yet durable: the leader sends them
   * to its followers while its own write is in flight and counts itself only after {@link #sync}
   * (thesis §10.2.1). Every other mutation of the log is durable on return.
   */
  public void appendWithoutSync(List<LogEntry> newEntries) {
    if (newEntries.isEmpty()) {
      return;
    }
    if (newEntries.get(0).index() != lastIndex() + 1) {
      throw new IllegalArgumentException("entries must continue the log at " + (lastIndex() + 1));
    }
    storage.writeEntries(newEntries);
    newEntries.forEach(this::addInMemory);
  }

  /** Makes the entries appended with {@link #appendWithoutSync} durable. */
  public void sync() {
    storage.sync();
  }

  /**
   * Position in {@code incoming} (entries following {@code prevIndex}) of the first entry that is
   * not already in the log with the same term; {@code incoming.size()} when all are. Entries at or
   * below the snapshot count as present: they are committed, so they match (Log Matching).
   */
  public int firstNew(long prevIndex, List<LogEntry> incoming) {
    for (int i = 0; i < incoming.size(); i++) {
      long index = prevIndex + 1 + i;
      if (index > snapshotIndex() && term(index) != incoming.get(i).term()) {
        return i;
      }
    }
    return incoming.size();
  }

  /**
   * Writes {@code suffix} (contiguous, starting at or below {@code lastIndex()+1}), deleting any
   * existing entries from its first index on: "if an existing entry conflicts with a new one (same
   * index but different terms), delete the existing entry and all that follow it" (paper Figure 2).
   */
  public void replaceSuffix(List<LogEntry> suffix) {
    if (suffix.isEmpty()) {
      return;
    }
    long from = suffix.get(0).index();
    if (from <= snapshotIndex() || from > lastIndex() + 1) {
      throw new IllegalArgumentException("suffix at " + from + " does not fit the log");
    }
    storage.replaceEntries(from, lastIndex(), suffix);
    truncateInMemory(from);
    suffix.forEach(this::addInMemory);
  }

  /**
   * The hint a follower returns when the consistency check at {@code prevIndex} fails: the term of
   * its conflicting entry and the first index it stores for that term; or, when its log is too
   * short, term 0 and its last index + 1 (paper §5.3).
   */
  public long[] conflictHint(long prevIndex) {
    if (prevIndex > lastIndex()) {
      return new long[] {0, lastIndex() + 1};
    }
    long conflictTerm = term(prevIndex);
    long first = prevIndex;
    while (first - 1 > snapshotIndex() && term(first - 1) == conflictTerm) {
      first--;
    }
    return new long[] {conflictTerm, first};
  }

  /** The last index at or below {@code max} whose entry has {@code term}, or -1. */
  public long lastIndexOfTerm(long term, long max) {
    for (long i = Math.min(max, lastIndex()); i >= snapshotIndex(); i--) {
      long t = term(i);
      if (t == term) {
        return i;
      }
      if (t < term) {
        break;
      }
    }
    return -1;
  }

  /** The configuration in force: the latest in the log, else the snapshot's, else bootstrap. */
  public Configuration configuration() {
    Map.Entry<Long, Configuration> last = configEntries.lastEntry();
    if (last != null) {
      return last.getValue();
    }
    return snapshot != null ? snapshot.configuration() : bootstrap;
  }

  /** The index of the entry holding {@link #configuration()}, or the snapshot index / 0. */
  public long configurationIndex() {
    Map.Entry<Long, Configuration> last = configEntries.lastEntry();
    return last != null ? last.getKey() : snapshotIndex();
  }

  /** The configuration in force once entry {@code index} is applied. */
  public Configuration configurationAt(long index) {
    Map.Entry<Long, Configuration> e = configEntries.floorEntry(index);
    if (e != null) {
      return e.getValue();
    }
    return snapshot != null ? snapshot.configuration() : bootstrap;
  }

  /**
   * The id of the latest block at or before {@code index}: the parent a block appended after that
   * index must extend. Falls back to the snapshot's block, then to {@code genesis}.
   */
  public Hash lastBlockIdAtOrBefore(long index, Hash genesis) {
    for (long i = Math.min(index, lastIndex()); i > snapshotIndex(); i--) {
      Optional<Hash> id = slot(i).header().blockId();
      if (id.isPresent()) {
        return id.get();
      }
    }
    return snapshot != null ? snapshot.blockId() : genesis;
  }

  /** Index of the block entry with {@code blockId}, searching backwards, or -1. */
  public long indexOfBlock(Hash blockId) {
    for (long i = lastIndex(); i > snapshotIndex(); i--) {
      if (slot(i).header().blockId().filter(blockId::equals).isPresent()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Replaces the prefix up to the snapshot's last included index with a snapshot received from the
   * leader (thesis §5.1). Entries after it are kept when the log holds the snapshot's last entry
   * with its term; otherwise the whole log is discarded (paper Figure 13, InstallSnapshot receiver
   * rules 6-7). Durable on return.
   */
  public void installSnapshot(Snapshot s) {
    long index = s.lastIncludedIndex();
    boolean keepSuffix = index <= lastIndex() && term(index) == s.lastIncludedTerm();
    storage.saveSnapshot(s, firstIndex(), keepSuffix ? index : lastIndex());
    dropPrefix(s.meta(), keepSuffix);
  }

  /**
   * Compacts the log up to {@code meta}'s last included index, an entry of this log that the ledger
   * has applied and made final: the ledger holds the state durably, so only the metadata is stored
   * (thesis §5.3, snapshotting disk-based state machines). Durable on return.
   */
  public void compact(SnapshotMeta meta) {
    long index = meta.lastIncludedIndex();
    if (index <= snapshotIndex() || index > lastIndex() || term(index) != meta.lastIncludedTerm()) {
      throw new IllegalArgumentException(
          "compaction point " + index + " is not an entry of the log");
    }
    storage.saveCompaction(meta, firstIndex(), index);
    dropPrefix(meta, true);
  }

  private void dropPrefix(SnapshotMeta meta, boolean keepSuffix) {
    long index = meta.lastIncludedIndex();
    if (keepSuffix) {
      releaseBodiesBefore(index + 1);
      slots.subList(0, (int) (index - snapshotIndex())).clear();
      configEntries.headMap(index, true).clear();
    } else {
      releaseBodiesBefore(lastIndex() + 1);
      slots.clear();
      configEntries.clear();
      bodiesFrom = index + 1;
    }
    snapshot = meta;
  }

  /** A new entry: header and body both in memory (it is not applied yet). */
  private void addInMemory(LogEntry e) {
    addHeader(EntryHeader.of(e));
    bodies.add(e);
    bodyBytes += e.sizeBytes();
  }

  private void addHeader(EntryHeader h) {
    long before = slots.isEmpty() ? 0 : slots.get(slots.size() - 1).bytesThrough();
    slots.add(new Slot(h, before + h.sizeBytes()));
    h.configuration().ifPresent(c -> configEntries.put(h.index(), c));
  }

  private void truncateInMemory(long from) {
    slots.subList((int) (from - firstIndex()), slots.size()).clear();
    configEntries.tailMap(from, true).clear();
    if (from <= bodiesFrom) {
      forget(bodies);
      bodiesFrom = from;
    } else {
      forget(bodies.subList((int) (from - bodiesFrom), bodies.size()));
    }
  }

  /** Drops {@code held} (all or a view of {@link #bodies}) and its bytes from the count. */
  private void forget(List<LogEntry> held) {
    held.forEach(e -> bodyBytes -= e.sizeBytes());
    held.clear();
  }

  private Slot slot(long index) {
    return slots.get((int) (index - firstIndex()));
  }

  private void checkInLog(long index) {
    if (index < firstIndex() || index > lastIndex()) {
      throw new IndexOutOfBoundsException(
          "no entry " + index + " in [" + firstIndex() + ", " + lastIndex() + "]");
    }
  }
}
