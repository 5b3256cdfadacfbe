package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.ledger.EvidenceVerdict;
import io.consensio.api.types.Hash;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.evidence.DoubleProductionJudge;
import io.consensio.dpos.evidence.EquivocationDetector;
import io.consensio.dpos.seal.DposSeal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DoubleProductionTest {
  private static final Ed25519KeyPair PRODUCER = Ed25519KeyPair.fromSeed(new byte[32]);
  private static final Ed25519KeyPair OTHER = Ed25519KeyPair.fromSeed(filled(9));

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static DoubleProduction.SignedSlot signed(Ed25519KeyPair key, Hash block, long slot) {
    return new DoubleProduction.SignedSlot(
        block, Hash.ZERO, key.sign(DposSeal.signingBytes(block, slot, Hash.ZERO)));
  }

  private static final Hash X = Hash.sha256(new byte[] {1});
  private static final Hash Y = Hash.sha256(new byte[] {2});

  @Test
  void twoSignedBlocksForOneSlotProveDoubleProduction() {
    DoubleProduction proof =
        DoubleProduction.of(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, Y, 5));
    assertThat(proof.isValid(Ed25519Verifier.INSTANCE)).isTrue();
    assertThat(DoubleProduction.decode(proof.encode())).isEqualTo(proof);
  }

  @Test
  void aProofWithAForeignSignatureOrAnotherSlotIsNotValid() {
    DoubleProduction forged =
        DoubleProduction.of(PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(OTHER, Y, 5));
    assertThat(forged.isValid(Ed25519Verifier.INSTANCE)).isFalse();
    DoubleProduction twoSlots =
        DoubleProduction.of(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, Y, 6));
    assertThat(twoSlots.isValid(Ed25519Verifier.INSTANCE)).isFalse();
    DoubleProduction sameBlock =
        new DoubleProduction(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, X, 5));
    assertThat(sameBlock.isValid(Ed25519Verifier.INSTANCE)).isFalse();
  }

  @Test
  void theDetectorReportsOnlyADifferentBlockForTheSameProducerAndSlot() {
    EquivocationDetector detector = new EquivocationDetector(16);
    assertThat(detector.observe(PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5))).isEmpty();
    assertThat(detector.observe(PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5))).isEmpty();
    assertThat(detector.observe(PRODUCER.publicKey(), 6, signed(PRODUCER, Y, 6))).isEmpty();
    assertThat(detector.observe(PRODUCER.publicKey(), 5, signed(PRODUCER, Y, 5)))
        .hasValueSatisfying(p -> assertThat(p.isValid(Ed25519Verifier.INSTANCE)).isTrue());
  }

  @Test
  void theLedgersJudgeFindsTheProducerOfTwoSignedBlocksForOneSlotGuilty() {
    DoubleProduction proof =
        DoubleProduction.of(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, Y, 5));
    EvidenceVerdict verdict =
        new DoubleProductionJudge().judge(proof.encode(), null, 12, Ed25519Verifier.INSTANCE);
    assertThat(verdict.offender()).contains(PRODUCER.publicKey());
  }

  @Test
  void theJudgeRejectsForgedTwoSlotGarbledAndSameBlockProofs() {
    DoubleProductionJudge judge = new DoubleProductionJudge();
    DoubleProduction framed =
        DoubleProduction.of(PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(OTHER, Y, 5));
    assertThat(judge.judge(framed.encode(), null, 12, Ed25519Verifier.INSTANCE).reason())
        .isEqualTo(DoubleProductionJudge.BAD_SIGNATURE);
    DoubleProduction twoSlots =
        DoubleProduction.of(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, Y, 6));
    assertThat(judge.judge(twoSlots.encode(), null, 12, Ed25519Verifier.INSTANCE).reason())
        .isEqualTo(DoubleProductionJudge.BAD_SIGNATURE);
    DoubleProduction sameBlock =
        new DoubleProduction(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, X, 5));
    byte[] honest = sameBlock.encode();
    assertThat(judge.judge(honest, null, 12, Ed25519Verifier.INSTANCE).reason())
        .isEqualTo(DoubleProductionJudge.MALFORMED);
    byte[] valid =
        DoubleProduction.of(PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, Y, 5))
            .encode();
    assertThat(
            judge
                .judge(Arrays.copyOf(valid, valid.length - 1), null, 12, Ed25519Verifier.INSTANCE)
                .isGuilty())
        .isFalse();
    assertThat(judge.judge(new byte[] {1, 2, 3}, null, 12, Ed25519Verifier.INSTANCE).reason())
        .isEqualTo(DoubleProductionJudge.MALFORMED);
  }

  @Test
  void dposSuppliesItsJudgeToTheLedger() {
    assertThat(new DposProvider().evidenceJudge(null)).isInstanceOf(DoubleProductionJudge.class);
  }
}
