package io.consensio.pow.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.pow.header.PowHeader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonceSpaceTest {
  @Test
  void chunksCoverThe32BitNoncesOnceThenTheExtraNonceRollsAndTheSearchStartsOver() {
    NonceSpace space = new NonceSpace(1 << 30);
    List<NonceSpace.Range> ranges = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ranges.add(space.next());
    }
    assertThat(ranges.subList(0, 4))
        .containsExactly(
            new NonceSpace.Range(0, 0, 1L << 30),
            new NonceSpace.Range(0, 1L << 30, 1L << 30),
            new NonceSpace.Range(0, 2L << 30, 1L << 30),
            new NonceSpace.Range(0, 3L << 30, 1L << 30));
    assertThat(ranges.get(4)).isEqualTo(new NonceSpace.Range(1, 0, 1L << 30));
    assertThat(space.extraNonce()).isEqualTo(1);
  }

  @Test
  void aChunkThatDoesNotDivideTheSpaceEndsExactlyAtTheLastNonce() {
    long chunk = (1L << 30) - 1; // 2^32 = 4 × chunk + 4
    NonceSpace space = new NonceSpace(chunk);
    NonceSpace.Range range = null;
    for (int i = 0; i < 5; i++) {
      range = space.next();
    }
    assertThat(range).isEqualTo(new NonceSpace.Range(0, 4 * chunk, 4));
    assertThat(range.firstNonce() + range.count() - 1).isEqualTo(PowHeader.MAX_UINT32);
    assertThat(space.next()).isEqualTo(new NonceSpace.Range(1, 0, chunk));
  }
}
