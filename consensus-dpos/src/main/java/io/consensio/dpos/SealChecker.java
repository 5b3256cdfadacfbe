package io.consensio.dpos;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.dpos.schedule.RoundPlanner;
import io.consensio.dpos.seal.DposSeal;
import java.util.Arrays;
import java.util.Optional;

/**
 * Judges a block's DPoS seal against its parent, as a BitShares node validates a signed block
 * header ({@code witness_schedule}: the signer must be the witness scheduled for the slot): the
 * timestamp is the start of the sealed slot; the slot comes after the parent's; a block that opens
 * a round carries exactly the round record this node computes from the parent's state; the proposer
 * is the delegate that owns the slot on this branch; and the slot signature verifies under its key.
 */
final class SealChecker {
  private final ChainStore chain;
  private final RoundPlanner planner;
  private final Verifier verifier;

  SealChecker(ChainStore chain, RoundPlanner planner, Verifier verifier) {
    this.chain = chain;
    this.planner = planner;
    this.verifier = verifier;
  }

  SealVerdict check(Block block, LedgerState parentState) {
    if (block.height() == 0) {
      return SealVerdict.reject("genesis-is-not-imported");
    }
    DposSeal seal;
    try {
      seal = DposSeal.decode(block.header().seal());
    } catch (DecodingException e) {
      return SealVerdict.reject("malformed-seal");
    }
    if (!planner.clock().isStartOf(seal.slot(), block.header().timestampMillis())) {
      return SealVerdict.reject("timestamp-not-slot-start");
    }
    Optional<Block> parent = chain.block(block.parent());
    if (parent.isEmpty()) {
      return SealVerdict.reject("unknown-parent");
    }
    if (seal.slot() <= planner.slotOf(parent.get())) {
      return SealVerdict.reject("slot-not-after-parent");
    }
    RoundPlanner.Assignment assignment = planner.assign(parent.get(), parentState, seal.slot());
    if (assignment.opensRound()) {
      if (seal.roundState().isEmpty()
          || !Arrays.equals(seal.roundState().get().encode(), assignment.round().encode())) {
        return SealVerdict.reject("bad-round-state");
      }
    } else if (seal.roundState().isPresent()) {
      return SealVerdict.reject("unexpected-round-state");
    }
    PublicKey producer = assignment.round().producerOf(seal.slot());
    if (!producer.equals(block.header().proposer())) {
      return SealVerdict.reject("not-scheduled-producer");
    }
    byte[] signed = DposSeal.signingBytes(block.id(), seal.slot(), seal.roundDigest());
    if (!verifier.verify(producer, signed, seal.signature())) {
      return SealVerdict.reject("bad-signature");
    }
    return SealVerdict.VALID;
  }
}
