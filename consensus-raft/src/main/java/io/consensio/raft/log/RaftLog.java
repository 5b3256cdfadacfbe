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
 * The replicated log (paper §5.3) with its compacted prefix (thesis chapter 5): entries after the
 * last snapshot in memory, mirrored durably through {@link RaftStorage}. Every mutation is on disk
 * before the method returns, except the leader's {@link #appendWithoutSync}.
 *
 * <p>It also answers the questions the protocol asks of the log: the term at an index (for the
 * AppendEntries consistency check and the election restriction), where a conflict starts, the hint
 * for fast back-off (paper §5.3, final paragraphs), and which configuration is in force — the
 * latest one in the log, committed or not (thesis §4.1: "a server always uses the latest
 * configuration in its log").
 *
 * <p>Not thread-safe; used on the event loop only.
 */
public final class RaftLog {
  private final RaftStorage storage;
  private final Configuration bootstrap;
  private final List<LogEntry> entries = new ArrayList<>();
  private final NavigableMap<Long, Configuration> configEntries = new TreeMap<>();
  private SnapshotMeta snapshot;

  /** A log recovered from {@code storage}; {@code bootstrap} applies until a config is logged. */
  public RaftLog(
      RaftStorage storage,
      Configuration bootstrap,
      Optional<SnapshotMeta> snapshot,
      List<LogEntry> recovered) {
    this.storage = storage;
    this.bootstrap = bootstrap;
    this.snapshot = snapshot.orElse(null);
    for (LogEntry e : recovered) {
      addInMemory(e);
    }
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
    return snapshotIndex() + entries.size();
  }

  public long lastTerm() {
    return entries.isEmpty() ? snapshotTerm() : entries.get(entries.size() - 1).term();
  }

  /** Entries held in memory (after the snapshot). */
  public int size() {
    return entries.size();
  }

  /** The term of the entry at {@code index}, or -1 when it is compacted away or beyond the log. */
  public long term(long index) {
    if (index == snapshotIndex()) {
      return snapshotTerm();
    }
    if (index < snapshotIndex() || index > lastIndex()) {
      return -1;
    }
    return entries.get((int) (index - firstIndex())).term();
  }

  /** True when the log holds an entry at {@code index} with {@code term} (paper §5.3). */
  public boolean matches(long index, long term) {
    return term(index) == term;
  }

  public LogEntry entry(long index) {
    if (index < firstIndex() || index > lastIndex()) {
      throw new IndexOutOfBoundsException(
          "no entry " + index + " in [" + firstIndex() + ", " + lastIndex() + "]");
    }
    return entries.get((int) (index - firstIndex()));
  }

  /**
   * Entries from {@code from} on, at most {@code maxBytes} in total but always at least one when
   * there is one.
   */
  public List<LogEntry> slice(long from, long maxBytes) {
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    for (long i = from; i <= lastIndex(); i++) {
      LogEntry e = entry(i);
      if (!out.isEmpty() && bytes + e.sizeBytes() > maxBytes) {
        break;
      }
      out.add(e);
      bytes += e.sizeBytes();
    }
    return out;
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
      LogEntry e = entry(i);
      if (e.block().isPresent()) {
        return e.block().get().id();
      }
    }
    return snapshot != null ? snapshot.blockId() : genesis;
  }

  /** Index of the block entry with {@code blockId}, searching backwards, or -1. */
  public long indexOfBlock(Hash blockId) {
    for (long i = lastIndex(); i > snapshotIndex(); i--) {
      LogEntry e = entry(i);
      if (e.block().isPresent() && e.block().get().id().equals(blockId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Replaces the prefix up to the snapshot's last included index (thesis §5.1). Entries after it
   * are kept when the log holds the snapshot's last entry with its term; otherwise the whole log is
   * discarded (paper Figure 13, InstallSnapshot receiver rules 6-7). Durable on return.
   */
  public void installSnapshot(Snapshot s) {
    long index = s.lastIncludedIndex();
    boolean keepSuffix = index <= lastIndex() && term(index) == s.lastIncludedTerm();
    long deleteTo = keepSuffix ? index : lastIndex();
    storage.saveSnapshot(s, firstIndex(), deleteTo);
    if (keepSuffix) {
      int drop = (int) (index - snapshotIndex());
      entries.subList(0, drop).clear();
    } else {
      entries.clear();
    }
    configEntries.headMap(index, true).clear();
    if (!keepSuffix) {
      configEntries.clear();
    }
    snapshot = s.meta();
  }

  private void addInMemory(LogEntry e) {
    entries.add(e);
    e.configuration().ifPresent(c -> configEntries.put(e.index(), c));
  }

  private void truncateInMemory(long from) {
    int keep = (int) (from - firstIndex());
    entries.subList(keep, entries.size()).clear();
    configEntries.tailMap(from, true).clear();
  }
}
