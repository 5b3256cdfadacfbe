package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LtHashTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Expected digests computed independently with Python's hashlib.shake_128 and struct '<H'. */
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
        .isEqualTo("1fea2c8dbbb4e35f549047683d2b76d18a1aafe5f19868e95e463f813178bdfc");
    assertThat(sum.digest().toHex())
        .isEqualTo("d05bf787c9a81eb4b0b3bbdec7af2bd708dbd85351c6312df84b482c0cbf9732");
    assertThat(difference.digest().toHex())
        .isEqualTo("10abc1330927c7d936c2ec07ae6153bbefeefb8f640c02fe570b8f25bdae362a");
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
