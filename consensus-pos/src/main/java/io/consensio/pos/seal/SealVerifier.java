package io.consensio.pos.seal;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.lottery.SlotLottery;
import io.consensio.pos.vrf.VerifiedProofs;
import io.consensio.pos.vrf.VrfPublicKey;
import java.util.Optional;

/**
 * Checks a block's proof-of-stake seal from the block, its parent's info and its parent's state
 * alone, in the order the reasons are reported: the seal decodes; its slot is after the parent's
 * and the block's timestamp is that slot's start; the proposer holds stake in the slot's epoch and
 * is not slashed; its ticket is of the kind the {@link io.consensio.pos.chain.VrfRegistry} gives it
 * for the slot — an ECVRF proof over (η, slot) that verifies under its registered key (RFC 9381
 * §5.3), or a public bootstrap ticket — and wins (Praos §3); its block signature over (id, slot)
 * verifies. On success it also returns the block's derived {@link BlockInfo}. Evidence transactions
 * in the block are the ledger's to judge (through {@link
 * io.consensio.pos.slashing.PosEvidenceJudge}), not the seal's. Deterministic; its only state is
 * the {@link VerifiedProofs} memo, which changes no verdict.
 */
public final class SealVerifier {
  /** Enough for the blocks of many epochs, at about 100 bytes an entry. */
  public static final int PROOF_MEMO_ENTRIES = 4_096;

  private final ChainRules rules;
  private final Verifier verifier;
  private final long genesisTimestampMillis;
  private final VerifiedProofs proofs;

  public SealVerifier(ChainRules rules, Verifier verifier, long genesisTimestampMillis) {
    this(rules, verifier, genesisTimestampMillis, new VerifiedProofs(PROOF_MEMO_ENTRIES));
  }

  /**
   * @param proofs the memo of valid VRF proofs this verifier consults (the proposer of the same
   *     node records its own proofs there)
   */
  public SealVerifier(
      ChainRules rules, Verifier verifier, long genesisTimestampMillis, VerifiedProofs proofs) {
    this.rules = rules;
    this.verifier = verifier;
    this.genesisTimestampMillis = genesisTimestampMillis;
    this.proofs = proofs;
  }

  /** The verdict, and the block's info when valid. */
  public record Outcome(SealVerdict verdict, Optional<BlockInfo> info) {
    static Outcome reject(String reason) {
      return new Outcome(SealVerdict.reject(reason), Optional.empty());
    }
  }

  /** The start of {@code slot} on the chain's clock, saturating instead of overflowing. */
  public long slotStartMillis(long slot) {
    long slotMillis = rules.config().slotMillis();
    if (slot > (Long.MAX_VALUE - genesisTimestampMillis) / slotMillis) {
      return Long.MAX_VALUE;
    }
    return genesisTimestampMillis + slot * slotMillis;
  }

  public Outcome check(Block block, BlockInfo parent, LedgerState parentState) {
    PosSeal seal;
    try {
      seal = PosSeal.decode(block.header().seal());
    } catch (DecodingException e) {
      return Outcome.reject("malformed-seal");
    }
    if (seal.slot() <= parent.slot()) {
      return Outcome.reject("slot-not-after-parent");
    }
    if (block.header().timestampMillis() != slotStartMillis(seal.slot())) {
      return Outcome.reject("timestamp-not-slot-start");
    }
    ChainRules.SlotContext context = rules.slotContext(parent, seal.slot(), parentState);
    PublicKey proposer = block.header().proposer();
    if (!context.stakes().containsKey(proposer)) {
      return Outcome.reject("proposer-not-a-validator");
    }
    Hash value;
    Optional<VrfPublicKey> vrfKey = context.vrfKey(proposer);
    if (vrfKey.isPresent()) {
      if (!seal.hasVrfProof()) {
        return Outcome.reject("vrf-proof-missing");
      }
      Optional<byte[]> beta =
          proofs.verify(vrfKey.get(), context.lotteryInput(proposer), seal.vrfProof());
      if (beta.isEmpty()) {
        return Outcome.reject("bad-vrf-proof");
      }
      value = SlotLottery.vrfValue(beta.get());
    } else if (context.drawsPublicTicket(proposer)) {
      if (seal.hasVrfProof()) {
        return Outcome.reject("public-ticket-expected");
      }
      value = SlotLottery.publicValue(context.randomness(), seal.slot(), proposer);
    } else {
      return Outcome.reject("no-vrf-key");
    }
    if (!rules.lottery().isEligible(SlotLottery.score(value, context.alpha(proposer)))) {
      return Outcome.reject("not-eligible");
    }
    byte[] signed = PosSeal.blockSigningBytes(block.id(), seal.slot());
    if (!verifier.verify(proposer, signed, seal.blockSignature())) {
      return Outcome.reject("bad-block-signature");
    }
    BlockInfo info = rules.child(parent, context, block, seal, value);
    return new Outcome(SealVerdict.VALID, Optional.of(info));
  }

  /**
   * The info of a block that was verified before (e.g. when it was first imported, before a
   * restart): the same derivation without the signature and VRF checks.
   */
  public Optional<BlockInfo> rederive(Block block, BlockInfo parent, LedgerState parentState) {
    try {
      PosSeal seal = PosSeal.decode(block.header().seal());
      ChainRules.SlotContext context = rules.slotContext(parent, seal.slot(), parentState);
      return rules
          .claimedValue(context, block.header().proposer(), seal)
          .map(value -> rules.child(parent, context, block, seal, value));
    } catch (DecodingException e) {
      return Optional.empty();
    }
  }
}
