package io.consensio.raft;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.log.Snapshot;
import io.consensio.raft.log.SnapshotMeta;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Connects the Raft log to the ledger, i.e. Raft's "state machine" (paper §5.3, §7).
 *
 * <ul>
 *   <li>Blocks are imported into the chain's block tree (validated and executed) right after their
 *       entry is stored, on a follower after it has acknowledged the entry: execution is not on the
 *       commit path. They become canonical and final ({@code setHead}, then {@code markFinal}) only
 *       when committed, strictly in log order; a committed block the ledger does not hold yet is
 *       imported then.
 *   <li>On restart it finds how far the ledger got — the finalized head is the last applied block —
 *       and re-imports the uncommitted blocks of the log, which the ledger may have lost. Only the
 *       bodies of those entries are read back into memory ({@link RaftLog#loadBodiesFrom}); the
 *       applied ones stay on disk as headers.
 *   <li>Compaction (thesis chapter 5) treats the ledger as a disk-based state machine (thesis
 *       §5.3): its finalized state is durable by itself, so when the log after the last compaction
 *       point reaches either bound (entries or bytes) only the metadata of the last applied entry
 *       is recorded and the prefix deleted. The state is exported ({@code ChainStore.exportState},
 *       one byte array of the whole state) only when a follower needs InstallSnapshot, and then as
 *       of the last applied entry.
 * </ul>
 *
 * <p>Not thread-safe; event loop only.
 */
final class LedgerApplier {
  private final ChainStore chain;
  private final Metrics metrics;
  private long lastApplied;

  LedgerApplier(ChainStore chain, Metrics metrics) {
    this.chain = chain;
    this.metrics = metrics;
  }

  long lastApplied() {
    return lastApplied;
  }

  Hash genesisId() {
    return chain.genesis().id();
  }

  /**
   * Restores the ledger's position after a restart: installs the snapshot received from a leader if
   * one is kept and the ledger is behind it, locates the finalized head in the log, and re-imports
   * the blocks after it.
   */
  void recover(RaftLog log, Optional<Snapshot> installed) {
    installed.ifPresent(this::installOnChainIfBehind);
    Block finalized = chain.finalizedHead();
    long index = log.indexOfBlock(finalized.id());
    if (index > 0) {
      lastApplied = index;
    } else {
      lastApplied = log.snapshotIndex();
      boolean known =
          finalized.id().equals(genesisId())
              || log.snapshot().map(s -> s.blockId().equals(finalized.id())).orElse(false);
      if (!known) {
        metrics.increment("raft.recovery.unknown-finalized-head");
      }
    }
    log.loadBodiesFrom(lastApplied + 1);
    reimport(log, lastApplied + 1);
  }

  /**
   * Imports (validates and executes) the blocks of entries this follower has just stored and
   * acknowledged, in log order. A refusal is counted and the rest wait: each later block builds on
   * the refused one. Nothing is lost by stopping: {@link #applyUpTo} imports every committed block
   * the ledger lacks before it applies it, and retries on every contact with the leader.
   */
  void importStored(List<LogEntry> stored) {
    for (LogEntry e : stored) {
      if (e.block().isEmpty()) {
        continue;
      }
      ImportResult result = chain.importBlock(e.block().get());
      if (!result.isAccepted()) {
        metrics.increment("raft.block.import-deferred", "reason", result.status().name());
        return;
      }
    }
  }

  /**
   * Applies entries up to {@code commitIndex} in order: a committed block is imported if the ledger
   * lacks it, then becomes canonical and final. If the ledger refuses, it is counted and this stops
   * at that entry; it is never skipped, and the engine calls again on the next contact with the
   * leader (or heartbeat, when leading), not only when the commit index moves, so a passing refusal
   * delays application but cannot wedge it.
   */
  void applyUpTo(RaftLog log, long commitIndex, Consumer<LogEntry> onApplied) {
    while (lastApplied < commitIndex) {
      LogEntry e = log.entry(lastApplied + 1);
      if (e.block().isPresent()) {
        Block block = e.block().get();
        if (!chain.contains(block.id())) {
          ImportResult imported = chain.importBlock(block);
          if (!imported.isAccepted()) {
            metrics.increment("raft.apply.failed", "reason", imported.status().name());
            return;
          }
        }
        try {
          chain.setHead(block.id());
          chain.markFinal(block.id());
        } catch (IllegalArgumentException ex) {
          metrics.increment("raft.apply.failed", "reason", "head-refused");
          return;
        }
      }
      lastApplied = e.index();
      onApplied.accept(e);
    }
  }

  /**
   * Imports the blocks of entries after the last applied one that the ledger lacks, e.g. on
   * becoming leader after an import as a follower was deferred, so new blocks have their parent.
   */
  void importUnapplied(RaftLog log) {
    reimport(log, lastApplied + 1);
  }

  /**
   * Compacts the log up to the last applied entry once the log after the previous compaction point
   * holds {@code thresholdEntries} entries or {@code thresholdBytes} encoded bytes (thesis §5.1:
   * "when its log reaches a fixed size in bytes"), whichever comes first. Only the metadata is
   * stored (thesis §5.3): the ledger made the entry's block final, so it holds that state durably.
   */
  void maybeCompact(RaftLog log, long thresholdEntries, long thresholdBytes) {
    boolean due = log.size() >= thresholdEntries || log.sizeBytes() >= thresholdBytes;
    if (!due || lastApplied <= log.snapshotIndex()) {
      return;
    }
    Hash blockId = log.lastBlockIdAtOrBefore(lastApplied, genesisId());
    Optional<Block> block = chain.block(blockId);
    if (block.isEmpty() || block.get().height() > chain.finalizedHead().height()) {
      // Never compact past what the ledger holds as final: the state would be nowhere.
      metrics.increment("raft.snapshot.failed", "reason", "block-not-final");
      return;
    }
    log.compact(
        new SnapshotMeta(
            lastApplied, log.term(lastApplied), log.configurationAt(lastApplied), blockId));
    metrics.increment("raft.snapshot.taken");
  }

  /**
   * A snapshot for a follower that needs entries compacted away (thesis §5.3: the state is exported
   * only when a follower actually needs it): the ledger state as of the last applied entry, which
   * is at or past the compaction point. Empty when the ledger cannot export it.
   */
  Optional<Snapshot> snapshotForFollower(RaftLog log) {
    Hash blockId = log.lastBlockIdAtOrBefore(lastApplied, genesisId());
    Optional<Block> block = chain.block(blockId);
    if (block.isEmpty() || lastApplied < log.snapshotIndex()) {
      metrics.increment("raft.snapshot.failed", "reason", "block-missing");
      return Optional.empty();
    }
    byte[] state;
    try {
      state = chain.exportState(blockId);
    } catch (IllegalArgumentException e) {
      metrics.increment("raft.snapshot.failed", "reason", "state-missing");
      return Optional.empty();
    }
    metrics.increment("raft.snapshot.exported");
    return Optional.of(
        new Snapshot(
            lastApplied,
            log.term(lastApplied),
            log.configurationAt(lastApplied),
            block.get(),
            state));
  }

  /** Installs a snapshot received from the leader: log first (durably), then the ledger. */
  void installFromLeader(RaftLog log, Snapshot s) {
    log.installSnapshot(s);
    installOnChainIfBehind(s);
    lastApplied = Math.max(lastApplied, s.lastIncludedIndex());
    reimport(log, lastApplied + 1);
    metrics.increment("raft.snapshot.installed");
  }

  private void installOnChainIfBehind(Snapshot s) {
    Block block = s.block();
    Block finalized = chain.finalizedHead();
    if (finalized.height() >= block.height() && chain.isCanonical(block.id())) {
      return;
    }
    try {
      chain.installSnapshot(block, s.state());
    } catch (IllegalArgumentException e) {
      metrics.increment("raft.snapshot.failed", "reason", "ledger-refused");
    }
  }

  private void reimport(RaftLog log, long from) {
    for (long i = Math.max(from, log.firstIndex()); i <= log.lastIndex(); i++) {
      Optional<Block> block = log.entry(i).block();
      if (block.isPresent() && !chain.contains(block.get().id())) {
        ImportResult r = chain.importBlock(block.get());
        if (!r.isAccepted()) {
          metrics.increment("raft.block.rejected", "reason", "reimport-" + r.status().name());
        }
      }
    }
  }
}
