package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KvKey} decides most comparisons on longs copied from its owner and key; the order must
 * stay exactly "owner bytes unsigned, then key bytes unsigned", which the state codec checks on
 * every snapshot it reads.
 */
class KvKeyTest {
  private static final Random RANDOM = new Random(7);

  @Test
  void ordersExactlyByOwnerBytesThenKeyBytes() {
    List<KvKey> keys = new ArrayList<>();
    List<PublicKey> owners = owners();
    for (PublicKey owner : owners) {
      for (byte[] key : keys()) {
        keys.add(new KvKey(owner, key));
      }
    }
    for (KvKey a : keys) {
      for (KvKey b : keys) {
        assertThat(Integer.signum(a.compareTo(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.signum(reference(a, b)));
        assertThat(a.equals(b)).isEqualTo(reference(a, b) == 0);
        if (a.equals(b)) {
          assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
      }
    }
  }

  @Test
  void aKeyIsCopiedInAndOut() {
    byte[] raw = {1, 2, 3};
    KvKey key = new KvKey(owners().get(0), raw);
    raw[0] = 9;
    key.key()[1] = 9;
    assertThat(key.key()).containsExactly(1, 2, 3);
  }

  private static int reference(KvKey a, KvKey b) {
    int byOwner = Arrays.compareUnsigned(a.owner().toBytes(), b.owner().toBytes());
    return byOwner != 0 ? byOwner : Arrays.compareUnsigned(a.key(), b.key());
  }

  /** Owners equal but for one byte in each of the four longs, plus high-bit and random ones. */
  private static List<PublicKey> owners() {
    List<PublicKey> owners = new ArrayList<>();
    byte[] base = new byte[PublicKey.SIZE];
    owners.add(PublicKey.wrap(base));
    for (int position : new int[] {0, 7, 8, 15, 16, 23, 24, 31}) {
      for (int value : new int[] {1, 0x80}) {
        byte[] b = base.clone();
        b[position] = (byte) value;
        owners.add(PublicKey.wrap(b));
      }
    }
    for (int i = 0; i < 4; i++) {
      byte[] b = new byte[PublicKey.SIZE];
      RANDOM.nextBytes(b);
      owners.add(PublicKey.wrap(b));
    }
    return owners;
  }

  /**
   * Keys of 1 to 12 bytes that share prefixes, end in zeros (padding look-alikes), and carry bytes
   * with the high bit set inside and after the first eight.
   */
  private static List<byte[]> keys() {
    List<byte[]> keys = new ArrayList<>();
    for (int length = 1; length <= 12; length++) {
      keys.add(new byte[length]);
      byte[] ones = new byte[length];
      Arrays.fill(ones, (byte) 0xFF);
      keys.add(ones);
      for (int position : new int[] {0, length / 2, length - 1}) {
        for (int value : new int[] {1, 0x80}) {
          byte[] k = new byte[length];
          k[position] = (byte) value;
          keys.add(k);
        }
      }
      byte[] random = new byte[length];
      RANDOM.nextBytes(random);
      keys.add(random);
    }
    return keys;
  }
}
