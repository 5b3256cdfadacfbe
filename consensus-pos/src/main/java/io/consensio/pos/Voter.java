package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.finality.Checkpoint;
import io.consensio.pos.finality.Vote;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The validator's side of Casper FFG (§2, §3): once per epoch, {@code voteDelaySlots} into it, vote
 * from the highest justified checkpoint on its head chain to the epoch's checkpoint on that chain
 * (the last block before the epoch's first slot). Each vote's target epoch exceeds the last one's
 * and its source epoch is at least the last one's — with the last vote stored durably before it is
 * sent, this validator never signs a double vote or a surround vote, even across a crash.
 * Event-loop thread only.
 */
final class Voter {
  private final ConsensusContext context;
  private final PosConfig config;
  private final ChainDriver driver;
  private final EngineStore store;
  private final PublicKey self;

  Voter(ConsensusContext context, PosConfig config, ChainDriver driver, EngineStore store) {
    this.context = context;
    this.config = config;
    this.driver = driver;
    this.store = store;
    this.self = context.signer().publicKey();
  }

  /** The vote to sign and send in {@code slot}, if this validator votes then. */
  Optional<Vote> onSlot(long slot) {
    if (slot % config.epochSlots() != config.voteDelaySlots()) {
      return Optional.empty();
    }
    long epoch = config.epochOf(slot);
    Block head = context.chain().head();
    Optional<BlockInfo> boundary = driver.view().lastBefore(head.id(), config.firstSlotOf(epoch));
    if (epoch == 0 || boundary.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint target = new Checkpoint(boundary.get().id(), epoch);
    Optional<SortedMap<PublicKey, Long>> voters = driver.votingStakes(target);
    if (voters.isEmpty() || !voters.get().containsKey(self)) {
      return Optional.empty();
    }
    Checkpoint source = driver.gadget().highestJustifiedAncestorOf(target.block());
    if (source.epoch() >= epoch) {
      return Optional.empty();
    }
    Optional<EngineStore.LastVote> last = store.lastVote();
    if (last.isPresent()
        && (epoch <= last.get().targetEpoch() || source.epoch() < last.get().sourceEpoch())) {
      context.metrics().increment("pos.vote.withheld", "reason", "would-be-slashable");
      return Optional.empty();
    }
    Vote vote =
        new Vote(self, source, target, context.signer().sign(Vote.signingBytes(source, target)));
    store.recordVote(source.epoch(), epoch);
    context.metrics().increment("pos.voted");
    return Optional.of(vote);
  }
}
