package io.consensio.pow.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.header.PowHeader;
import io.consensio.pow.header.PowSeal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per rejection reason, each on a block that is valid except for that rule. */
class SealValidatorTest {
  private final TestLedger ledger = new TestLedger();

  private Block tip() {
    return ledger.chain.genesis();
  }

  private void assertRejected(Block block, String reason) {
    ImportResult result = ledger.chain.importBlock(block);
    assertThat(result.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(result.reason()).isEqualTo("bad-seal: " + reason);
    assertThat(ledger.rejections(reason)).isEqualTo(1);
  }

  @Test
  void anHonestlyMinedBlockIsAccepted() {
    Block block = ledger.seal(ledger.template(tip(), 1_000));
    assertThat(ledger.chain.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
  }

  @Test
  void aBlockMinedAfterTheExtraNonceRolledIsAccepted() {
    Block template = ledger.template(tip(), 1_000);
    PowHeader solved = TestLedger.solve(ledger.honestHeader(template, 7), true);
    Block block = template.withSeal(new PowSeal(solved, 7).encode());
    assertThat(ledger.chain.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
  }

  @Test
  void aHashAboveTheTargetIsBadPow() {
    Block template = ledger.template(tip(), 1_000);
    PowHeader failing = TestLedger.solve(ledger.honestHeader(template, 0), false);
    assertRejected(template.withSeal(new PowSeal(failing, 0).encode()), "bad-pow");
  }

  @Test
  void aTargetOtherThanTheScheduledOneIsBadDiffbits() {
    Block template = ledger.template(tip(), 1_000);
    // Harder than required and honestly solved: still not the chain's target for this height.
    Block block =
        ledger.seal(
            template,
            h -> new PowHeader(1, h.previousHash(), h.merkleRoot(), h.time(), 0x1f7fffff, 0));
    assertRejected(block, "bad-diffbits");
  }

  @Test
  void aTimestampAtTheMedianTimePastIsTooOld() {
    assertRejected(ledger.seal(ledger.template(tip(), 0)), "time-too-old");
  }

  @Test
  void aTimestampBeyondTheFutureLimitIsTooNew() {
    // 12 s ahead: within the ledger's 15 s drift, beyond the engine's 10 s.
    assertRejected(ledger.seal(ledger.template(tip(), 12_000)), "time-too-new");
  }

  @Test
  void aPreviousHashOtherThanTheParentsPowHashIsBadPrevblk() {
    Block block =
        ledger.seal(
            ledger.template(tip(), 1_000),
            h -> new PowHeader(1, new byte[32], h.merkleRoot(), h.time(), h.bits(), 0));
    assertRejected(block, "bad-prevblk");
  }

  @Test
  void aHeaderNotCommittingToTheBlockIsBadCommitment() {
    Block template = ledger.template(tip(), 1_000);
    PowHeader solved = TestLedger.solve(ledger.honestHeader(template, 0), true);
    // The header commits to extra nonce 0 but the seal claims extra nonce 1.
    assertRejected(template.withSeal(new PowSeal(solved, 1).encode()), "bad-commitment");
  }

  @Test
  void aTimeFieldOtherThanTheBlockTimestampIsRefused() {
    Block block =
        ledger.seal(
            ledger.template(tip(), 1_000),
            h -> new PowHeader(1, h.previousHash(), h.merkleRoot(), 2, h.bits(), 0));
    assertRejected(block, "bad-time-field");
  }

  @Test
  void aSealThatIsNotAPowHeaderIsRefused() {
    assertRejected(ledger.template(tip(), 1_000).withSeal(new byte[10]), "bad-seal-encoding");
  }

  @Test
  void aBlockContradictingTheCheckpointIsRefused() {
    Block block = ledger.seal(ledger.template(tip(), 1_000));
    ledger.checkpoint =
        Optional.of(new Checkpoint(1, ledger.chain.genesis().id(), Signature.wrap(new byte[64])));
    assertRejected(block, "checkpoint-mismatch");
  }

  @Test
  void theBlockRewardIsMintedToTheMinerAndAGreedierRewardFailsTheStateRoot() {
    Block b1 = ledger.mineOn(tip(), 1_000);
    Block b2 = ledger.mineOn(b1, 2_000);
    ledger.chain.setHead(b2.id());
    assertThat(ledger.chain.headState().balance(TestLedger.MINER.publicKey()))
        .isEqualTo(1_000 + 2 * TestLedger.REWARD);

    // A miner whose ledger mints itself 500 builds a block with a state root no honest node has.
    TestLedger greedy = new TestLedger(500);
    assertThat(greedy.chain.genesis().id()).isEqualTo(ledger.chain.genesis().id());
    Block greedyBlock = greedy.seal(greedy.template(greedy.chain.genesis(), 1_000));
    assertThat(ledger.chain.importBlock(greedyBlock))
        .isEqualTo(ImportResult.invalid("bad-state-root"));
  }
}
