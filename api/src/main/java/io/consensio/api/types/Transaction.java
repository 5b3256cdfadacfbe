package io.consensio.api.types;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A signed client transaction. The id is the SHA-256 of the signed body (sender, nonce, fee,
 * payload) and excludes the signature, so a transaction cannot be given a second id by re-encoding
 * its signature. The nonce is the sender's transaction count and makes every transaction executable
 * at most once. Immutable and thread-safe.
 */
public final class Transaction {
  /** No transaction encodes to more than this; decoders reject larger input before parsing. */
  public static final int MAX_ENCODED_BYTES = 80 * 1024;

  private static final byte[] DOMAIN = "consensio/tx/v1".getBytes(StandardCharsets.US_ASCII);

  private final PublicKey sender;
  private final long nonce;
  private final long fee;
  private final TxPayload payload;
  private final Signature signature;
  private final byte[] body;
  private final Hash id;

  private Transaction(
      PublicKey sender, long nonce, long fee, TxPayload payload, Signature signature) {
    if (nonce < 0 || fee < 0) {
      throw new IllegalArgumentException("nonce and fee must not be negative");
    }
    this.sender = Objects.requireNonNull(sender);
    this.nonce = nonce;
    this.fee = fee;
    this.payload = Objects.requireNonNull(payload);
    this.signature = Objects.requireNonNull(signature);
    this.body = body(sender, nonce, fee, payload);
    this.id = Hash.sha256(body);
  }

  private static byte[] body(PublicKey sender, long nonce, long fee, TxPayload payload) {
    CanonicalWriter w = new CanonicalWriter(96);
    w.writeFixed(DOMAIN);
    sender.write(w);
    w.writeLong(nonce);
    w.writeLong(fee);
    w.writeByte(payload.tag());
    payload.writeBody(w);
    return w.toByteArray();
  }

  /** Builds and signs a transaction from {@code signer}'s account. */
  public static Transaction sign(Signer signer, long nonce, long fee, TxPayload payload) {
    byte[] body = body(signer.publicKey(), nonce, fee, payload);
    return new Transaction(signer.publicKey(), nonce, fee, payload, signer.sign(body));
  }

  /** Assembles a transaction from parts, e.g. to test that a forged signature is rejected. */
  public static Transaction of(
      PublicKey sender, long nonce, long fee, TxPayload payload, Signature signature) {
    return new Transaction(sender, nonce, fee, payload, signature);
  }

  public boolean hasValidSignature(Verifier verifier) {
    return verifier.verify(sender, body, signature);
  }

  public PublicKey sender() {
    return sender;
  }

  public long nonce() {
    return nonce;
  }

  public long fee() {
    return fee;
  }

  public TxPayload payload() {
    return payload;
  }

  public Signature signature() {
    return signature;
  }

  public Hash id() {
    return id;
  }

  /** Size of the canonical encoding in bytes (used for block and mempool size limits). */
  public int encodedSize() {
    return body.length - DOMAIN.length + Signature.SIZE;
  }

  public void write(CanonicalWriter w) {
    sender.write(w);
    w.writeLong(nonce);
    w.writeLong(fee);
    w.writeByte(payload.tag());
    payload.writeBody(w);
    signature.write(w);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(encodedSize());
    write(w);
    return w.toByteArray();
  }

  public static Transaction read(CanonicalReader r) {
    PublicKey sender = PublicKey.read(r);
    long nonce = r.readNonNegativeLong("nonce");
    long fee = r.readNonNegativeLong("fee");
    TxPayload payload = TxPayload.read(r);
    Signature signature = Signature.read(r);
    return new Transaction(sender, nonce, fee, payload, signature);
  }

  /** Decodes exactly one transaction; rejects oversized, truncated or trailing input. */
  public static Transaction decode(byte[] bytes) {
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "transaction of " + bytes.length + " bytes exceeds " + MAX_ENCODED_BYTES);
    }
    CanonicalReader r = new CanonicalReader(bytes);
    Transaction tx = read(r);
    r.finish();
    return tx;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other
        && id.equals(other.id)
        && signature.equals(other.signature);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Tx[" + id.shortHex() + " from " + sender + " #" + nonce + " " + payload + "]";
  }
}
