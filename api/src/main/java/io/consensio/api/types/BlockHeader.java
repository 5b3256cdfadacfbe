package io.consensio.api.types;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A block header. The block id is the SHA-256 of every field except the {@code seal}: the seal is
 * the consensus engine's proof about the block (PoW nonce, PBFT commit certificate, proposer
 * signature) and is made over the id, so it cannot be part of it. Two nodes holding different but
 * valid seals for one block (e.g. different 2f+1 commit signatures) therefore agree on its id.
 *
 * @param height 0 for genesis, parent's height + 1 otherwise
 * @param parent id of the parent block ({@link Hash#ZERO} for genesis)
 * @param timestampMillis proposer's clock (context time) when the block was cut
 * @param proposer the account that proposed the block and receives its fees
 * @param txRoot {@link MerkleTree} root over the transaction ids
 * @param stateRoot ledger state root after executing this block
 * @param seal engine-specific proof, verified by the engine on import
 */
public record BlockHeader(
    long height,
    Hash parent,
    long timestampMillis,
    PublicKey proposer,
    Hash txRoot,
    Hash stateRoot,
    byte[] seal) {
  public static final int MAX_SEAL_BYTES = 256 * 1024;
  private static final byte[] DOMAIN = "consensio/block/v1".getBytes(StandardCharsets.US_ASCII);

  public BlockHeader {
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative");
    }
    Objects.requireNonNull(parent);
    Objects.requireNonNull(proposer);
    Objects.requireNonNull(txRoot);
    Objects.requireNonNull(stateRoot);
    seal = seal.clone();
    if (seal.length > MAX_SEAL_BYTES) {
      throw new IllegalArgumentException("seal exceeds " + MAX_SEAL_BYTES + " bytes");
    }
  }

  /** The block id: SHA-256 over the domain tag and every field but the seal. */
  public Hash id() {
    return Hash.sha256(unsealedBytes());
  }

  /** The bytes the id is computed from; engines that sign a block sign its id. */
  public byte[] unsealedBytes() {
    CanonicalWriter w = new CanonicalWriter(192);
    w.writeFixed(DOMAIN);
    w.writeLong(height);
    parent.write(w);
    w.writeLong(timestampMillis);
    proposer.write(w);
    txRoot.write(w);
    stateRoot.write(w);
    return w.toByteArray();
  }

  public BlockHeader withSeal(byte[] newSeal) {
    return new BlockHeader(height, parent, timestampMillis, proposer, txRoot, stateRoot, newSeal);
  }

  @Override
  public byte[] seal() {
    return seal.clone();
  }

  public int sealLength() {
    return seal.length;
  }

  /** Size of what {@link #write} writes, in bytes. */
  public int encodedSize() {
    return Long.BYTES
        + Hash.SIZE
        + Long.BYTES
        + PublicKey.SIZE
        + Hash.SIZE
        + Hash.SIZE
        + Integer.BYTES
        + seal.length;
  }

  public void write(CanonicalWriter w) {
    w.writeLong(height);
    parent.write(w);
    w.writeLong(timestampMillis);
    proposer.write(w);
    txRoot.write(w);
    stateRoot.write(w);
    w.writeBytes(seal);
  }

  /**
   * The id of the header encoded at {@code offset} in {@code bytes} (a block's encoding starts with
   * its header), or empty when no header decodes there. Lets an engine recognise a block it already
   * holds from the header alone, without decoding and hashing its transactions.
   */
  public static Optional<Hash> idOfHeaderAt(byte[] bytes, int offset) {
    if (offset < 0 || offset > bytes.length) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(new CanonicalReader(bytes, offset, bytes.length - offset)).id());
    } catch (DecodingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static BlockHeader read(CanonicalReader r) {
    long height = r.readNonNegativeLong("height");
    Hash parent = Hash.read(r);
    long timestamp = r.readLong();
    PublicKey proposer = PublicKey.read(r);
    Hash txRoot = Hash.read(r);
    Hash stateRoot = Hash.read(r);
    byte[] seal = r.readBytes(MAX_SEAL_BYTES);
    return new BlockHeader(height, parent, timestamp, proposer, txRoot, stateRoot, seal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader h
        && height == h.height
        && timestampMillis == h.timestampMillis
        && parent.equals(h.parent)
        && proposer.equals(h.proposer)
        && txRoot.equals(h.txRoot)
        && stateRoot.equals(h.stateRoot)
        && Arrays.equals(seal, h.seal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(height, parent, timestampMillis, stateRoot);
  }

  @Override
  public String toString() {
    return "Header[#" + height + " parent=" + parent + " state=" + stateRoot + "]";
  }
}
