package io.consensio.runtime.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixBoundTest {
  @Test
  void upperBoundIncrementsTheLastByteThatIsNot0xFF() {
    assertThat(PrefixBound.exclusiveUpperBound(new byte[] {1, 2})).containsExactly(1, 3);
    assertThat(PrefixBound.exclusiveUpperBound(new byte[] {1, (byte) 0x7F}))
        .containsExactly(1, (byte) 0x80);
    assertThat(PrefixBound.exclusiveUpperBound(new byte[] {1, (byte) 0xFF, (byte) 0xFF}))
        .containsExactly(2);
  }

  @Test
  void noUpperBoundExistsForEmptyOrAll0xFFPrefixes() {
    assertThat(PrefixBound.exclusiveUpperBound(new byte[0])).isNull();
    assertThat(PrefixBound.exclusiveUpperBound(new byte[] {(byte) 0xFF, (byte) 0xFF})).isNull();
  }
}
