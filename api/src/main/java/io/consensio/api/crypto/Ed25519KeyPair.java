package io.consensio.api.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair (RFC 8032) backed by Bouncy Castle's constant-time implementation. Also the
 * {@link Signer} a node hands its engine. The 32-byte seed is the private key.
 */
public final class Ed25519KeyPair implements Signer {
  private final byte[] seed;
  private final PublicKey publicKey;

  private Ed25519KeyPair(byte[] seed) {
    this.seed = seed;
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    this.publicKey = PublicKey.wrap(pk);
  }

  public static Ed25519KeyPair generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    Ed25519.generatePrivateKey(random, seed);
    return new Ed25519KeyPair(seed);
  }

  /** A key pair from a 32-byte seed; deterministic, used by the simulator and by key files. */
  public static Ed25519KeyPair fromSeed(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
    }
    return new Ed25519KeyPair(seed.clone());
  }

  public static Ed25519KeyPair fromHex(String seedHex) {
    return fromSeed(HexFormat.of().parseHex(seedHex));
  }

  public String seedHex() {
    return HexFormat.of().formatHex(seed);
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public Signature sign(byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    byte[] pk = publicKey.toBytes();
    Ed25519.sign(seed, 0, pk, 0, message, 0, message.length, sig, 0);
    return Signature.wrap(sig);
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[" + publicKey + "]";
  }
}
