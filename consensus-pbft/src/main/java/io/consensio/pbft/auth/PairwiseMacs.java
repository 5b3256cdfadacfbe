package io.consensio.pbft.auth;

import io.consensio.api.crypto.Signer;
import io.consensio.api.types.NodeId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Per-pair MAC keys and authenticators for PBFT's MAC-based normal case (TOCS'02 §5.1 / Castro's
 * BFT library: a message multicast to n replicas carries an "authenticator", one MAC per receiver,
 * instead of a signature, because a MAC costs microseconds where a signature costs a point
 * multiplication).
 *
 * <p>Keys come from what an engine's context can supply, deterministically: the replica's X25519
 * secret is SHA-256 of its own Ed25519 signature on a fixed, domain-separated label — Ed25519
 * signatures are deterministic and nobody else can produce this one, and the replica never sends
 * it. The matching X25519 public key is what the replica announces, signed, to its peers (the
 * paper's NEW-KEY message); the X25519 agreement of one side's secret with the other side's public
 * key gives both the same shared secret, from which HKDF-SHA256 derives one key per direction,
 * bound to both replica ids. Tags are HMAC-SHA256 truncated to {@value #TAG_BYTES} bytes. The
 * secret survives restarts (it is recomputed), so peers need not learn a new key.
 *
 * <p>MACs are not transferable: a receiver can check a tag addressed to it, but cannot prove to a
 * third replica that the sender sent the message. That is why the commit certificate in the block
 * seal, VIEW-CHANGE prepared proofs and checkpoint proofs stay signed. Not thread-safe.
 */
public final class PairwiseMacs {
  /** Bytes of one truncated HMAC-SHA256 tag (Castro's library used 10-byte UMAC tags). */
  public static final int TAG_BYTES = 16;

  private static final byte[] SECRET_LABEL =
      "consensio/pbft/mac/x25519-secret/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_INFO =
      "consensio/pbft/mac/pair-key/v1".getBytes(StandardCharsets.US_ASCII);

  private final NodeId self;
  private final byte[] secret = new byte[X25519.SCALAR_SIZE];
  private final byte[] publicKey = new byte[X25519.POINT_SIZE];
  private final Map<NodeId, Mac> sending = new HashMap<>();
  private final Map<NodeId, Mac> receiving = new HashMap<>();

  /** Derives this replica's X25519 key pair from its signer. */
  public PairwiseMacs(NodeId self, Signer signer) {
    this.self = self;
    byte[] signature = signer.sign(SECRET_LABEL).toBytes();
    System.arraycopy(sha256(signature), 0, secret, 0, secret.length);
    X25519.scalarMultBase(secret, 0, publicKey, 0);
  }

  /** The X25519 public key this replica announces (signed) to its peers. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Learns a peer's announced X25519 public key (whose announcement the caller verified) and
   * derives the pair's keys. False for a key that yields no shared secret (a low-order point).
   */
  public boolean learn(NodeId peer, byte[] peerPublicKey) {
    if (peerPublicKey.length != X25519.POINT_SIZE || peer.equals(self)) {
      return false;
    }
    byte[] shared = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(secret, 0, peerPublicKey, 0, shared, 0)) {
      return false;
    }
    sending.put(peer, hmac(derive(shared, self, peer)));
    receiving.put(peer, hmac(derive(shared, peer, self)));
    return true;
  }

  public boolean knows(NodeId peer) {
    return sending.containsKey(peer);
  }

  /** The tag that authenticates {@code message} from this replica to {@code to}, if keyed. */
  public Optional<byte[]> tag(NodeId to, byte[] message) {
    Mac mac = sending.get(to);
    return mac == null ? Optional.empty() : Optional.of(truncated(mac, message));
  }

  /** True when {@code tag} authenticates {@code message} from {@code from} to this replica. */
  public boolean check(NodeId from, byte[] message, byte[] tag) {
    Mac mac = receiving.get(from);
    return mac != null
        && tag.length == TAG_BYTES
        && MessageDigest.isEqual(truncated(mac, message), tag);
  }

  private static byte[] truncated(Mac mac, byte[] message) {
    byte[] full = mac.doFinal(message);
    byte[] tag = new byte[TAG_BYTES];
    System.arraycopy(full, 0, tag, 0, TAG_BYTES);
    return tag;
  }

  /** HKDF-SHA256 (RFC 5869) over the shared secret, bound to the direction from → to. */
  private static byte[] derive(byte[] shared, NodeId from, NodeId to) {
    byte[] f = from.value().getBytes(StandardCharsets.UTF_8);
    byte[] t = to.value().getBytes(StandardCharsets.UTF_8);
    byte[] info = new byte[KEY_INFO.length + 2 + f.length + t.length];
    System.arraycopy(KEY_INFO, 0, info, 0, KEY_INFO.length);
    info[KEY_INFO.length] = (byte) f.length;
    System.arraycopy(f, 0, info, KEY_INFO.length + 1, f.length);
    info[KEY_INFO.length + 1 + f.length] = (byte) t.length;
    System.arraycopy(t, 0, info, KEY_INFO.length + 2 + f.length, t.length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(shared, null, info));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    return key;
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
