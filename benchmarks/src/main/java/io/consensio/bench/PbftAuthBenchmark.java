package io.consensio.bench;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.auth.PairwiseMacs;
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
 * Per-message authentication cost of a PBFT PREPARE multicast to the other n-1 replicas, under the
 * two schemes of Castro and Liskov (TOCS'02 §5.1): an Ed25519 signature (what the engine sends
 * today: the sender signs once, every receiver verifies) against an authenticator of per-pair
 * HMAC-SHA256 tags from {@link PairwiseMacs} (the sender computes n-1 tags, every receiver checks
 * its own).
 *
 * <p>{@code send*} is the sender's work for one multicast, {@code receive*} one receiver's work,
 * and {@code multicast*} the whole group's work for one message (send plus n-1 receives) — the
 * figure that bounds how many prepares per second the cores of one machine running all replicas
 * can authenticate. Bytes are the canonical signing bytes of a real {@link Prepare}.
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

  private byte[] message;
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
    Prepare prepare = new Prepare(3, 1_234, Hash.sha256(new byte[] {1, 2, 3}));
    message = Signed.signingBytes(prepare, sender);
    signature = senderKey.sign(message);

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
      tags.add(senderMacs.tag(to, message).orElseThrow());
    }
    requireTrue(
        Ed25519Verifier.INSTANCE.verify(senderPublic, message, signature), "signature verifies");
    requireTrue(receiverMacs.get(0).check(sender, message, tags.get(0)), "tag checks");
  }

  private static void requireTrue(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark setup: " + what + " failed");
    }
  }

  @Benchmark
  public io.consensio.api.crypto.Signature sendSigned() {
    return senderKey.sign(message);
  }

  @Benchmark
  public boolean receiveSigned() {
    return Ed25519Verifier.INSTANCE.verify(senderPublic, message, signature);
  }

  @Benchmark
  public void multicastSigned(Blackhole bh) {
    bh.consume(senderKey.sign(message));
    for (int i = 0; i < receivers.size(); i++) {
      bh.consume(Ed25519Verifier.INSTANCE.verify(senderPublic, message, signature));
    }
  }

  @Benchmark
  public void sendMacs(Blackhole bh) {
    for (NodeId to : receivers) {
      bh.consume(senderMacs.tag(to, message));
    }
  }

  @Benchmark
  public boolean receiveMac() {
    return receiverMacs.get(0).check(sender, message, tags.get(0));
  }

  @Benchmark
  public void multicastMacs(Blackhole bh) {
    for (NodeId to : receivers) {
      bh.consume(senderMacs.tag(to, message));
    }
    for (int i = 0; i < receivers.size(); i++) {
      bh.consume(receiverMacs.get(i).check(sender, message, tags.get(i)));
    }
  }
}
