package io.consensio.api.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockEncodingTest {
  private final Ed25519KeyPair alice = Ed25519KeyPair.fromSeed(TransactionTest.seed(1));
  private final Ed25519KeyPair bob = Ed25519KeyPair.fromSeed(TransactionTest.seed(2));

  private Block block(int transactions, byte[] seal) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < transactions; i++) {
      TxPayload payload =
          i % 2 == 0
              ? new TxPayload.Transfer(bob.publicKey(), i + 1)
              : new TxPayload.KvPut(new byte[] {(byte) i}, new byte[i * 7]);
      txs.add(Transaction.sign(alice, i, 1, payload));
    }
    BlockHeader header =
        new BlockHeader(
            3,
            Hash.sha256(new byte[] {1}),
            1_000,
            alice.publicKey(),
            MerkleTree.rootOfTransactions(txs),
            Hash.sha256(new byte[] {2}),
            seal);
    return new Block(header, txs);
  }

  @Test
  void theEncodedSizeIsTheLengthOfTheEncoding() {
    for (int n : new int[] {0, 1, 2, 17}) {
      for (byte[] seal : new byte[][] {new byte[0], new byte[5], new byte[200]}) {
        Block block = block(n, seal);
        byte[] encoded = block.encode();
        assertThat(encoded)
            .as("%d transactions, seal %d", n, seal.length)
            .hasSize(block.encodedSize());
        Block decoded = Block.decode(encoded);
        assertThat(decoded.id()).isEqualTo(block.id());
        assertThat(decoded.transactions()).isEqualTo(block.transactions());
        assertThat(decoded.encode()).isEqualTo(encoded);
      }
    }
  }

  @Test
  void theTransactionRootCheckGivesTheSameAnswerEveryTimeAndAfterSealing() {
    Block block = block(5, new byte[0]);
    assertThat(block.hasConsistentTxRoot()).isTrue();
    assertThat(block.hasConsistentTxRoot()).isTrue();
    assertThat(block.withSeal(new byte[] {7}).hasConsistentTxRoot()).isTrue();

    Block swapped = new Block(block.header(), block(4, new byte[0]).transactions());
    assertThat(swapped.hasConsistentTxRoot()).isFalse();
    assertThat(swapped.hasConsistentTxRoot()).isFalse();
    assertThat(swapped.withSeal(new byte[] {7}).hasConsistentTxRoot()).isFalse();
  }
}
