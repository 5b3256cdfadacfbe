package io.consensio.api.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Merkle root over an ordered list of hashes, built as in RFC 6962 §2.1: leaves and inner nodes are
 * hashed with different one-byte prefixes (0x00, 0x01), and an odd node is carried up rather than
 * paired with itself. Unlike Bitcoin's tree, two different lists therefore never share a root (see
 * CVE-2012-2459, where duplicating the last transaction kept the root).
 */
public final class MerkleTree {
  private static final byte[] LEAF = {0};
  private static final byte[] NODE = {1};

  /** The root of the empty list. */
  public static final Hash EMPTY_ROOT = Hash.sha256(new byte[0]);

  private MerkleTree() {}

  public static Hash root(List<Hash> leaves) {
    if (leaves.isEmpty()) {
      return EMPTY_ROOT;
    }
    List<Hash> level = new ArrayList<>(leaves.size());
    for (Hash leaf : leaves) {
      level.add(Hash.sha256(LEAF, leaf.raw()));
    }
    while (level.size() > 1) {
      List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(Hash.sha256(NODE, level.get(i).raw(), level.get(i + 1).raw()));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  public static Hash rootOfTransactions(List<Transaction> transactions) {
    List<Hash> ids = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      ids.add(tx.id());
    }
    return root(ids);
  }
}
