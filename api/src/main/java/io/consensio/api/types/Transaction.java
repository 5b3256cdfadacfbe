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
    this(sender, nonce, fee, payload, signature, body(sender, nonce, fee, payload));
  }

  /** {@code body} must be the canonical body of the other arguments (domain tag first). */
  private Transaction(
      PublicKey sender, long nonce, long fee, TxPayload payload, Signature signature, byte[] body) {
    if (nonce < 0 || fee < 0) {
      throw new IllegalArgumentException("nonce and fee must not be negative");
    }
    this.sender = Objects.requireNonNull(sender);
    this.nonce = nonce;
    this.fee = fee;
    this.payload = Objects.requireNonNull(payload);
    this.signature = Objects.requireNonNull(signature);
    this.body = body;
    this.id = Hash.sha256(body);
  }

  private static byte[] body(PublicKey sender, long nonce, long fee, TxPayload payload) {
    CanonicalWriter w = new CanonicalWriter(128 + payloadSizeHint(payload));
    w.writeFixed(DOMAIN);
    sender.write(w);
    w.writeLong(nonce);
    w.writeLong(fee);
    w.writeByte(payload.tag());
    payload.writeBody(w);
    return w.toByteArray();
  }

  /** Room for the payload's bytes, so encoding a body rarely grows its buffer. */
  private static int payloadSizeHint(TxPayload payload) {
    return payload instanceof TxPayload.KvPut kv ? kv.key().length + kv.value().length : 0;
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
    return verifier.verify(sender, body, id, signature);
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

  /** The wire form: the body without its domain tag, then the signature. */
  public void write(CanonicalWriter w) {
    w.writeFixed(body, DOMAIN.length, body.length - DOMAIN.length);
    signature.write(w);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(encodedSize());
    write(w);
    return w.toByteArray();
  }

  /**
   * Reads one transaction. The body is kept as the exact bytes read (behind the domain tag), not
   * encoded again from the parsed fields: the id hashes, and the signature is checked over, those
   * very bytes, so a body that some lenient encoding could spell two ways still has one id per
   * spelling and a signature valid for at most one of them.
   */
  public static Transaction read(CanonicalReader r) {
    int start = r.position();
    PublicKey sender = PublicKey.read(r);
    long nonce = r.readNonNegativeLong("nonce");
    long fee = r.readNonNegativeLong("fee");
    TxPayload payload = TxPayload.read(r);
    byte[] body = r.copyConsumedSince(start, DOMAIN);
    Signature signature = Signature.read(r);
    return new Transaction(sender, nonce, fee, payload, signature, body);
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
