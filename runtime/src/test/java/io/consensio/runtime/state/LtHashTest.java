package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LtHashTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Expected digests computed independently: Python's hashlib.sha256 for the key, {@code openssl
   * enc -aes-256-ctr -K <key> -iv 0} over 2048 zero bytes for the expansion, struct '<H' for the
   * lanes.
   */
  @Test
  void matchesAnIndependentImplementation() {
    LtHash single = LtHash.empty();
    single.add(b("hello"));
    LtHash sum = LtHash.empty();
    sum.add(b("a"));
    sum.add(b("b"));
    LtHash difference = LtHash.empty();
    difference.add(b("a"));
    difference.remove(b("b"));

    assertThat(single.digest().toHex())
        .isEqualTo("5d640df9c89c213bd6f21bb0d24de551f3d208cb199073091cdccba55714cb5a");
    assertThat(sum.digest().toHex())
        .isEqualTo("8955fb8fb92acff95c308d8b8115f0d626849eaf70ed848f9b39a35a820ef8df");
    assertThat(difference.digest().toHex())
        .isEqualTo("b7a28eb992c7332497d09294e6df75f4872039e15c1d6f7c9a5f756b66a385a9");
  }

  @Test
  void orderOfInsertionDoesNotMatter() {
    LtHash forward = LtHash.empty();
    forward.add(b("x"));
    forward.add(b("y"));
    forward.add(b("z"));
    LtHash backward = LtHash.empty();
    backward.add(b("z"));
    backward.add(b("y"));
    backward.add(b("x"));

    assertThat(forward).isEqualTo(backward);
    assertThat(forward.digest()).isEqualTo(backward.digest());
  }

  @Test
  void removingAnElementUndoesItsInsertion() {
    LtHash hash = LtHash.empty();
    hash.add(b("kept"));
    LtHash before = hash.copy();

    hash.add(b("temporary"));
    assertThat(hash.digest()).isNotEqualTo(before.digest());
    hash.remove(b("temporary"));

    assertThat(hash.digest()).isEqualTo(before.digest());
  }

  @Test
  void copiesAreIndependent() {
    LtHash original = LtHash.empty();
    LtHash copy = original.copy();

    copy.add(b("only in the copy"));

    assertThat(original).isEqualTo(LtHash.empty());
    assertThat(copy).isNotEqualTo(original);
  }
}
