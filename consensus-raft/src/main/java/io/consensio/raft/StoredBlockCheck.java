package io.consensio.raft;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import java.util.List;
import java.util.Optional;

/**
 * What a follower checks of the blocks in an AppendEntries before it stores and acknowledges them
 * (paper Figure 2, receiver step 4). Execution comes later and is not checked here: an entry is
 * committed once it is stored on a majority (paper §5.3) and Raft trusts its leader to build valid
 * blocks, so a follower need not execute a block to vouch for storing it. What it must know is that
 * the bytes it stores are the leader's entry: Log Matching identifies an entry by its term and
 * index, so a damaged copy, once stored, would make the follower take the genuine one for a
 * duplicate and leave it unable ever to execute that block. Each check here is a hash or a
 * comparison, no signature arithmetic and no ledger state. Stateless.
 */
final class StoredBlockCheck {
  private StoredBlockCheck() {}

  /**
   * The first defect of the blocks in {@code suffix}, which is about to follow {@code log}'s entry
   * {@code suffix.get(0).index() - 1}, or empty when every block is intact: each extends the block
   * of the previous block entry, carries the transactions its header's root names, and has the seal
   * of its own entry whose digest matches the signatures it carries ({@link RaftSeal}).
   */
  static Optional<String> firstDefect(RaftLog log, List<LogEntry> suffix, Hash genesisId) {
    Hash parent = log.lastBlockIdAtOrBefore(suffix.get(0).index() - 1, genesisId);
    for (LogEntry e : suffix) {
      if (e.block().isEmpty()) {
        continue;
      }
      Block block = e.block().get();
      if (!block.parent().equals(parent)) {
        return Optional.of("wrong-parent");
      }
      if (!block.hasConsistentTxRoot()) {
        return Optional.of("bad-tx-root");
      }
      RaftSeal seal;
      try {
        seal = RaftSeal.decode(block.header().seal());
      } catch (DecodingException ex) {
        return Optional.of("bad-seal");
      }
      if (seal.term() != e.term() || seal.index() != e.index()) {
        return Optional.of("seal-of-another-entry");
      }
      if (!seal.signatures().equals(RaftSeal.signaturesDigest(block.transactions()))) {
        return Optional.of("signatures-altered");
      }
      parent = block.id();
    }
    return Optional.empty();
  }
}
