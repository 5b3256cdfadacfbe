package io.consensio.sim.byzantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignatureForgerTest {
  private static byte[] signature(int seed) {
    byte[] s = new byte[64];
    new Random(seed).nextBytes(s);
    return s;
  }

  private static byte[] message(byte[] prefix, byte[] signature, byte[] suffix) {
    byte[] m = new byte[prefix.length + 64 + suffix.length];
    System.arraycopy(prefix, 0, m, 0, prefix.length);
    System.arraycopy(signature, 0, m, prefix.length, 64);
    System.arraycopy(suffix, 0, m, prefix.length + 64, suffix.length);
    return m;
  }

  @Test
  void flipsExactlyOneBitInsideAKnownSignatureAndRecordsTheForgery() {
    ForgeryLedger ledger = new ForgeryLedger();
    byte[] sig = signature(1);
    ledger.recordValidSignature(sig.clone());
    byte[] original = message(new byte[] {1, 2, 3}, sig, new byte[] {9});

    byte[] forged = new SignatureForger(ledger, new Random(5)).forge(original, List.of());

    int differingBits = 0;
    for (int i = 0; i < original.length; i++) {
      differingBits += Integer.bitCount((original[i] ^ forged[i]) & 0xff);
      if (original[i] != forged[i]) {
        assertThat(i).isBetween(3, 3 + 63);
      }
    }
    assertThat(differingBits).isEqualTo(1);
    assertThat(ledger.isForged(forged)).isTrue();
    assertThat(ledger.isForged(original)).isFalse();
    assertThat(ledger.sent()).isEqualTo(1);
  }

  @Test
  void fallsBackToARecentMessageAndGivesUpWithoutKnownSignatures() {
    ForgeryLedger ledger = new ForgeryLedger();
    SignatureForger forger = new SignatureForger(ledger, new Random(5));
    byte[] fresh = message(new byte[0], signature(2), new byte[0]);
    assertThat(forger.forge(fresh, List.of())).isNull();

    byte[] older = message(new byte[] {7}, signature(3), new byte[0]);
    ledger.recordValidSignature(signature(3));
    byte[] forged = forger.forge(fresh, List.of(older));
    assertThat(forged).hasSize(older.length);
    assertThat(Arrays.equals(forged, older)).isFalse();
  }

  @Test
  void aForgedSignatureFoundInWhatAnHonestNodeSendsCountsOncePerNode() {
    ForgeryLedger ledger = new ForgeryLedger();
    ledger.recordValidSignature(signature(4));
    byte[] forged =
        new SignatureForger(ledger, new Random(1))
            .forge(message(new byte[] {1}, signature(4), new byte[0]), List.of());
    byte[] relay = message(new byte[] {42, 42}, Arrays.copyOfRange(forged, 1, 65), new byte[] {0});

    ledger.scan(NodeId.of("a"), relay, "test");
    ledger.scan(NodeId.of("a"), relay, "test");
    ledger.scan(NodeId.of("b"), new byte[200], "test");
    assertThat(ledger.accepted()).isEqualTo(1);
    ledger.scan(NodeId.of("b"), relay, "test");
    assertThat(ledger.accepted()).isEqualTo(2);
  }
}
