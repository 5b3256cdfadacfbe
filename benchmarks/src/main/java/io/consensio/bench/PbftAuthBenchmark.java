package io.consensio.bench;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pbft.auth.PairwiseMacs;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-message authentication cost of a PBFT multicast to the other n-1 replicas, under the two
 * schemes of Castro and Liskov (TOCS'02 §4): an Ed25519 signature (the sender signs once, every
 * receiver verifies) against an authenticator of per-pair HMAC-SHA256 tags from {@link
 * PairwiseMacs} (the sender computes n-1 tags, every receiver checks its own).
 *
 * <p>{@code message}: {@code prepare} is a real {@link Prepare} (both schemes cover its signing
 * bytes); {@code pre-prepare} is the PRE-PREPARE of a block with 256 KiB of transactions (the
 * benchmarks' PBFT block size). Since the {@code consensio/pbft/v2} wire format, a signature covers
 * ⟨type, v, n, d, sender⟩ only ({@link Signed#signingBytes}), as the authenticator of {@code
 * consensus.pbft.authentication: macs} does ({@link MacPrePrepare#macBytes}); the block is bound by
 * its id d, which the receiver checks in both modes ({@link PrePrepare#bindsBlock}). {@code
 * receiveSignedAndBind} measures that check next to the verification; the others leave it out.
 *
 * <p>{@code send*} is the sender's work for one multicast, {@code receive*} one receiver's work,
 * and {@code multicast*} the whole group's work for one message (send plus n-1 receives) — the
 * figure that bounds how many messages per second the cores of one machine running all replicas can
 * authenticate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PbftAuthBenchmark {
  /** Replicas in the group: 3f+1 for f = 1 and f = 2. */
  @Param({"4", "7"})
  public int n;

  /** Which message is authenticated (see the class comment). */
  @Param({"prepare", "pre-prepare"})
  public String message;

  /** The bytes a signature covers. */
  private byte[] signedBytes;

  /** The bytes each MAC covers. */
  private byte[] macBytes;

  /** The pre-prepare whose block a receiver binds to d ({@code message=pre-prepare} only). */
  private PrePrepare prePrepare;

  private Ed25519KeyPair senderKey;
  private PublicKey senderPublic;
  private io.consensio.api.crypto.Signature signature;
  private NodeId sender;
  private List<NodeId> receivers;
  private PairwiseMacs senderMacs;
  private List<PairwiseMacs> receiverMacs;
  private List<byte[]> tags;

  @Setup(Level.Trial)
  public void setUp() {
    List<Ed25519KeyPair> keys = new ArrayList<>();
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      keys.add(Ed25519KeyPair.fromSeed(seed));
      ids.add(NodeId.of("node-" + i));
    }
    sender = ids.get(1);
    senderKey = keys.get(1);
    senderPublic = senderKey.publicKey();
    if (message.equals("prepare")) {
      Prepare prepare = new Prepare(3, 1_234, Hash.sha256(new byte[] {1, 2, 3}));
      signedBytes = Signed.signingBytes(prepare, sender);
      macBytes = signedBytes;
    } else {
      Block block = blockOf(256 * 1024, senderKey);
      prePrepare = new PrePrepare(3, 1_234, block.id(), block);
      signedBytes = Signed.signingBytes(prePrepare, sender);
      macBytes = MacPrePrepare.macBytes(prePrepare, sender);
      requireTrue(prePrepare.bindsBlock(), "the block is the digest's");
    }
    signature = senderKey.sign(signedBytes);

    senderMacs = new PairwiseMacs(sender, senderKey);
    receivers = new ArrayList<>();
    receiverMacs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i == 1) {
        continue;
      }
      PairwiseMacs macs = new PairwiseMacs(ids.get(i), keys.get(i));
      requireTrue(macs.learn(sender, senderMacs.publicKey()), "receiver learns the sender");
      requireTrue(senderMacs.learn(ids.get(i), macs.publicKey()), "sender learns the receiver");
      receivers.add(ids.get(i));
      receiverMacs.add(macs);
    }
    tags = new ArrayList<>();
    for (NodeId to : receivers) {
      tags.add(senderMacs.tag(to, macBytes).orElseThrow());
    }
    requireTrue(
        Ed25519Verifier.INSTANCE.verify(senderPublic, signedBytes, signature),
        "signature verifies");
    requireTrue(receiverMacs.get(0).check(sender, macBytes, tags.get(0)), "tag checks");
  }

  /** A block whose KvPut transactions (1,000-byte values) encode to at most {@code txBytes}. */
  private static Block blockOf(int txBytes, Ed25519KeyPair key) {
    List<Transaction> txs = new ArrayList<>();
    int bytes = 0;
    for (long nonce = 0; ; nonce++) {
      Transaction tx =
          Transaction.sign(key, nonce, 0, new TxPayload.KvPut(new byte[] {1}, new byte[1000]));
      int size = tx.encode().length;
      if (bytes + size > txBytes) {
        break;
      }
      bytes += size;
      txs.add(tx);
    }
    BlockHeader header =
        new BlockHeader(
            1_234,
            Hash.sha256(new byte[] {1}),
            1_234,
            key.publicKey(),
            MerkleTree.rootOfTransactions(txs),
            Hash.sha256(new byte[] {3}),
            new byte[0]);
    return new Block(header, txs);
  }

  private static void requireTrue(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark setup: " + what + " failed");
    }
  }

  @Benchmark
  public io.consensio.api.crypto.Signature sendSigned() {
    return senderKey.sign(signedBytes);
  }

  @Benchmark
  public boolean receiveSigned() {
    return Ed25519Verifier.INSTANCE.verify(senderPublic, signedBytes, signature);
  }

  /**
   * One receiver's whole check of a signed message: the signature and, for a pre-prepare, d = D(m)
   * (the block id and the transaction root over the block's transaction ids).
   */
  @Benchmark
  public boolean receiveSignedAndBind() {
    boolean valid = Ed25519Verifier.INSTANCE.verify(senderPublic, signedBytes, signature);
    return prePrepare == null ? valid : valid && prePrepare.bindsBlock();
  }

  @Benchmark
  public void multicastSigned(Blackhole bh) {
    bh.consume(senderKey.sign(signedBytes));
    for (int i = 0; i < receivers.size(); i++) {
      bh.consume(Ed25519Verifier.INSTANCE.verify(senderPublic, signedBytes, signature));
    }
  }

  @Benchmark
  public void sendMacs(Blackhole bh) {
    for (NodeId to : receivers) {
      bh.consume(senderMacs.tag(to, macBytes));
    }
  }

  @Benchmark
  public boolean receiveMac() {
    return receiverMacs.get(0).check(sender, macBytes, tags.get(0));
  }

  @Benchmark
  public void multicastMacs(Blackhole bh) {
    for (NodeId to : receivers) {
      bh.consume(senderMacs.tag(to, macBytes));
    }
    for (int i = 0; i < receivers.size(); i++) {
      bh.consume(receiverMacs.get(i).check(sender, macBytes, tags.get(i)));
    }
  }
}
