package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pbft.messages.BlockRequest;
import io.consensio.pbft.messages.BlockResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches the bodies of blocks that the view change names by header only (TOCS'02 §4.4: VIEW-CHANGE
 * and NEW-VIEW carry pre-prepares without their requests, and a replica that lacks a request asks
 * for it). A body is wanted by (n, d); BLOCK-REQUEST is multicast at once and again on every tick
 * until a BLOCK-RESPONSE brings a block that is d (its id, its height n, transactions matching its
 * transaction root). Every replica that prepared d imported it, and a prepared certificate has at
 * least f ≥ 1 correct signers, so a correct replica can always answer. Fetched bodies are held
 * until the ledger has imported them. Not thread-safe; runs on the event loop.
 */
final class BlockFetcher {
  private final ConsensusContext context;
  private final Outbox outbox;
  private final LedgerBodies bodies;

  /** Outstanding requests: d → n. */
  private final Map<Hash, Long> wanted = new LinkedHashMap<>();

  /** Bodies received and checked, until the ledger holds them. */
  private final Map<Hash, Block> fetched = new HashMap<>();

  BlockFetcher(ConsensusContext context, Outbox outbox, LedgerBodies bodies) {
    this.context = context;
    this.outbox = outbox;
    this.bodies = bodies;
  }

  /** The unsealed block d at {@code seq}, from the ledger or fetched; empty if not held. */
  Optional<Block> body(long seq, Hash digest) {
    Optional<Block> inLedger = bodies.proposal(seq, digest);
    if (inLedger.isPresent()) {
      fetched.remove(digest);
      return inLedger;
    }
    return Optional.ofNullable(fetched.get(digest)).filter(b -> b.height() == seq);
  }

  /**
   * True when the body of (n, d) is held; otherwise asks every peer for it (once here, then on each
   * {@link #onTick}) and returns false.
   */
  boolean want(long seq, Hash digest) {
    if (body(seq, digest).isPresent()) {
      return true;
    }
    if (wanted.putIfAbsent(digest, seq) == null) {
      context.metrics().increment("pbft.bodies.requested");
      outbox.broadcast(outbox.sign(new BlockRequest(seq, digest)));
    }
    return false;
  }

  /** Retransmits the outstanding requests (TOCS'02 §5.2: retransmit until answered). */
  void onTick() {
    wanted.entrySet().removeIf(e -> body(e.getValue(), e.getKey()).isPresent());
    for (Map.Entry<Hash, Long> e : wanted.entrySet()) {
      outbox.broadcast(outbox.sign(new BlockRequest(e.getValue(), e.getKey())));
    }
  }

  /** The answer to a peer's request, if this replica's ledger holds that block. */
  Optional<BlockResponse> serve(BlockRequest request) {
    return bodies
        .proposal(request.seq(), request.digest())
        .map(block -> new BlockResponse(request.seq(), block));
  }

  /**
   * Takes a response to an outstanding request if its block is the one asked for; otherwise returns
   * the reason it was dropped.
   */
  Optional<String> onResponse(BlockResponse response) {
    Block block = response.block();
    Hash id = block.id();
    Long seq = wanted.get(id);
    if (seq == null) {
      // A second answer to a request another peer answered first is not an attack.
      return fetched.containsKey(id) || context.chain().contains(id)
          ? Optional.empty()
          : Optional.of("unsolicited-block");
    }
    if (response.seq() != seq || block.height() != seq) {
      return Optional.of("height-mismatch");
    }
    if (block.header().sealLength() != 0 || !block.hasConsistentTxRoot()) {
      return Optional.of("malformed-block");
    }
    wanted.remove(id);
    fetched.put(id, block);
    context.metrics().increment("pbft.bodies.fetched");
    return Optional.empty();
  }

  /** Forgets requests and bodies at or below a stable checkpoint: state transfer covers those. */
  void forgetUpTo(long stableSeq) {
    wanted.values().removeIf(seq -> seq <= stableSeq);
    fetched.values().removeIf(block -> block.height() <= stableSeq);
  }

  /** Stops asking for every outstanding body (a view change names the ones still needed). */
  void forgetRequests() {
    wanted.clear();
  }

  /** Outstanding requests (for tests in this package). */
  int outstanding() {
    return wanted.size();
  }
}
