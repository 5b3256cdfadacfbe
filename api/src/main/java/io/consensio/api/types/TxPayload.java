package io.consensio.api.types;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What a transaction asks the ledger to do. A closed set: every node must agree on the meaning of
 * every byte, so a new kind of transaction is a protocol change, made here. Each kind has a
 * one-byte tag in the canonical encoding.
 */
public sealed interface TxPayload {
  int MAX_KEY_BYTES = 256;
  int MAX_VALUE_BYTES = 64 * 1024;
  int MAX_VOTES = 30;
  int MAX_EVIDENCE_BYTES = 16 * 1024;

  int tag();

  void writeBody(CanonicalWriter writer);

  /** Moves {@code amount} from the sender's balance to {@code to}. */
  record Transfer(PublicKey to, long amount) implements TxPayload {
    public Transfer {
      requirePositive(amount, "amount");
    }

    public int tag() {
      return 1;
    }

    public void writeBody(CanonicalWriter w) {
      to.write(w);
      w.writeLong(amount);
    }
  }

  /** Writes {@code value} under {@code key} in the sender's key/value namespace. */
  record KvPut(byte[] key, byte[] value) implements TxPayload {
    public KvPut {
      if (key.length == 0 || key.length > MAX_KEY_BYTES) {
        throw new IllegalArgumentException("key must be 1.." + MAX_KEY_BYTES + " bytes");
      }
      if (value.length > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("value must be at most " + MAX_VALUE_BYTES + " bytes");
      }
      key = key.clone();
      value = value.clone();
    }

    public int tag() {
      return 2;
    }

    public void writeBody(CanonicalWriter w) {
      w.writeBytes(key);
      w.writeBytes(value);
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KvPut other
          && Arrays.equals(key, other.key)
          && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "KvPut[" + HexFormat.of().formatHex(key) + " (" + value.length + " bytes)]";
    }
  }

  /** Locks {@code amount} of the sender's balance as stake (proof of stake validators). */
  record Stake(long amount) implements TxPayload {
    public Stake {
      requirePositive(amount, "amount");
    }

    public int tag() {
      return 3;
    }

    public void writeBody(CanonicalWriter w) {
      w.writeLong(amount);
    }
  }

  /**
   * Starts unbonding {@code amount} of stake; it returns to the balance after the unbonding period.
   */
  record Unstake(long amount) implements TxPayload {
    public Unstake {
      requirePositive(amount, "amount");
    }

    public int tag() {
      return 4;
    }

    public void writeBody(CanonicalWriter w) {
      w.writeLong(amount);
    }
  }

  /** Replaces the sender's approval list with {@code candidates} (delegated proof of stake). */
  record Vote(List<PublicKey> candidates) implements TxPayload {
    public Vote {
      candidates = List.copyOf(candidates);
      if (candidates.size() > MAX_VOTES) {
        throw new IllegalArgumentException("at most " + MAX_VOTES + " candidates per vote");
      }
      if (candidates.stream().distinct().count() != candidates.size()) {
        throw new IllegalArgumentException("a vote names each candidate at most once");
      }
    }

    public int tag() {
      return 5;
    }

    public void writeBody(CanonicalWriter w) {
      w.writeList(candidates, (writer, key) -> key.write(writer));
    }
  }

  /**
   * Registers the sender as a delegate candidate, locking {@code deposit} (forfeited on
   * misconduct).
   */
  record RegisterCandidate(long deposit) implements TxPayload {
    public RegisterCandidate {
      requirePositive(deposit, "deposit");
    }

    public int tag() {
      return 6;
    }

    public void writeBody(CanonicalWriter w) {
      w.writeLong(deposit);
    }
  }

  /**
   * Proof that a validator or delegate misbehaved (e.g. signed two blocks for one slot), reported
   * by the sender. The ledger knows no consensus rules, so it hands {@code proof} to the running
   * module's {@link io.consensio.api.ledger.EvidenceJudge}; a proof the judge accepts costs the
   * offender its stake and deposit and rewards the sender (see the ledger's transaction rules).
   */
  record Evidence(byte[] proof) implements TxPayload {
    public Evidence {
      if (proof.length == 0 || proof.length > MAX_EVIDENCE_BYTES) {
        throw new IllegalArgumentException("evidence must be 1.." + MAX_EVIDENCE_BYTES + " bytes");
      }
      proof = proof.clone();
    }

    public int tag() {
      return 7;
    }

    public void writeBody(CanonicalWriter w) {
      w.writeBytes(proof);
    }

    @Override
    public byte[] proof() {
      return proof.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Evidence other && Arrays.equals(proof, other.proof);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
      return "Evidence[" + proof.length + " bytes]";
    }
  }

  static TxPayload read(CanonicalReader r) {
    int tag = r.readByte();
    try {
      return switch (tag) {
        case 1 -> new Transfer(PublicKey.read(r), r.readLong());
        case 2 -> new KvPut(r.readBytes(MAX_KEY_BYTES), r.readBytes(MAX_VALUE_BYTES));
        case 3 -> new Stake(r.readLong());
        case 4 -> new Unstake(r.readLong());
        case 5 -> new Vote(r.readList(MAX_VOTES, PublicKey::read));
        case 6 -> new RegisterCandidate(r.readLong());
        case 7 -> new Evidence(r.readBytes(MAX_EVIDENCE_BYTES));
        default -> throw new DecodingException("unknown transaction payload tag " + tag);
      };
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid transaction payload: " + e.getMessage());
    }
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
