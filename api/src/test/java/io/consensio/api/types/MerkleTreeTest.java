package io.consensio.api.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static Hash h(int i) {
    return Hash.sha256(new byte[] {(byte) i});
  }

  @Test
  void duplicatingTheLastLeafChangesTheRoot() {
    // Bitcoin's tree gives [a,b,c] and [a,b,c,c] the same root (CVE-2012-2459); ours must not.
    assertThat(MerkleTree.root(List.of(h(1), h(2), h(3))))
        .isNotEqualTo(MerkleTree.root(List.of(h(1), h(2), h(3), h(3))));
  }

  @Test
  void aLeafIsNotConfusedWithAnInnerNode() {
    assertThat(MerkleTree.root(List.of(h(1)))).isNotEqualTo(h(1));
  }

  @Test
  void everyPrefixAndOrderingHasItsOwnRoot() {
    Set<Hash> roots = new HashSet<>();
    List<Hash> leaves = new ArrayList<>();
    roots.add(MerkleTree.root(leaves));
    for (int i = 0; i < 33; i++) {
      leaves.add(h(i));
      roots.add(MerkleTree.root(leaves));
    }
    roots.add(MerkleTree.root(List.of(h(2), h(1))));
    assertThat(roots).hasSize(35);
  }
}
