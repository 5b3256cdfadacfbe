package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Hash;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.evidence.EquivocationDetector;
import io.consensio.dpos.evidence.EvidenceCarrier;
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
  void aCarrierTransactionHoldsTheProofAndOtherWritesAreIgnored() {
    DoubleProduction proof =
        DoubleProduction.of(
            PRODUCER.publicKey(), 5, signed(PRODUCER, X, 5), signed(PRODUCER, Y, 5));
    assertThat(EvidenceCarrier.read(EvidenceCarrier.carry(OTHER, 3, proof))).contains(proof);
    var unrelated =
        io.consensio.api.types.Transaction.sign(
            OTHER,
            0,
            0,
            new io.consensio.api.types.TxPayload.KvPut(EvidenceCarrier.KEY, new byte[] {1}));
    assertThat(EvidenceCarrier.read(unrelated)).isEmpty();
  }
}
