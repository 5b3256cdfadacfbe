package io.consensio.bench;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The canonical encoding of a transfer and of a block of 1,000 transfers, both ways, and the Merkle
 * root over 1,000 transaction ids.
 *
 * <p>Why it matters: every block crosses the wire and the store encoded, and is decoded by each
 * peer before import; decoding also recomputes every transaction id (one SHA-256 each), and the
 * Merkle root is recomputed by every importer to check the header's transaction root. None of this
 * verifies signatures, so it is the floor under block propagation cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EncodingBenchmark {
  private static final int BLOCK_TRANSACTIONS = 1_000;

  private Transaction transaction;
  private byte[] encodedTransaction;
  private List<Transaction> transactions;
  private Block block;
  private byte[] encodedBlock;

  @Setup
  public void setUp() {
    List<Ed25519KeyPair> senders = BenchKeys.keys(BLOCK_TRANSACTIONS / 10);
    transactions = new ArrayList<>(BLOCK_TRANSACTIONS);
    for (int nonce = 0; nonce < 10; nonce++) {
      for (Ed25519KeyPair sender : senders) {
        transactions.add(
            Transaction.sign(
                sender, nonce, 1, new TxPayload.Transfer(BenchKeys.RECIPIENT.publicKey(), 5)));
      }
    }
    transaction = transactions.get(0);
    encodedTransaction = transaction.encode();
    BlockHeader header =
        new BlockHeader(
            1,
            Hash.sha256(new byte[] {1}),
            1_000_000,
            BenchKeys.RECIPIENT.publicKey(),
            MerkleTree.rootOfTransactions(transactions),
            Hash.sha256(new byte[] {2}),
            new byte[64]);
    block = new Block(header, transactions);
    encodedBlock = block.encode();
    if (!Block.decode(encodedBlock).equals(block)
        || !Transaction.decode(encodedTransaction).equals(transaction)) {
      throw new IllegalStateException("encoding does not round-trip");
    }
  }

  @Benchmark
  public byte[] transactionEncode() {
    return transaction.encode();
  }

  @Benchmark
  public Transaction transactionDecode() {
    return Transaction.decode(encodedTransaction);
  }

  @Benchmark
  public byte[] blockEncode1000() {
    return block.encode();
  }

  @Benchmark
  public Block blockDecode1000() {
    return Block.decode(encodedBlock);
  }

  @Benchmark
  public Hash merkleRoot1000() {
    return MerkleTree.rootOfTransactions(transactions);
  }
}
