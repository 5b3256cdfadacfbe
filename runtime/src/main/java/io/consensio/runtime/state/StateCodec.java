package io.consensio.runtime.state;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Hash;
import io.consensio.api.types.TxPayload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * The one serialization of a whole state, for snapshots and state transfer: a domain tag, the chain
 * id, then accounts, key/value entries, candidates, votes and slashed keys, each list sorted by
 * key. Exactly one byte string encodes each state, so two nodes exporting equal states send equal
 * bytes.
 *
 * <p>The decoder treats its input as hostile: besides truncation and trailing bytes it rejects
 * unsorted or repeated keys, empty accounts, negative amounts and votes for unregistered
 * candidates, all with {@link DecodingException}. It recomputes the state root from the entries, so
 * the caller can compare it with the root a block commits to. Stateless and thread-safe.
 */
public final class StateCodec {
  private static final byte[] DOMAIN = "consensio/state/v2".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_CHAIN_ID_BYTES = 64;
  private static final int MAX_ENTRIES = 100_000_000;

  private StateCodec() {}

  public static byte[] encode(PersistentLedgerState state) {
    StateMaps maps = state.maps();
    CanonicalWriter w = new CanonicalWriter(64 + maps.accounts().size() * 72);
    w.writeFixed(DOMAIN);
    w.writeString(state.chainId());
    w.writeList(
        maps.accounts().entrySet(),
        (out, entry) -> {
          entry.getKey().write(out);
          Account a = entry.getValue();
          out.writeLong(a.balance());
          out.writeLong(a.nonce());
          out.writeLong(a.stake());
          out.writeLong(a.unbonding());
          out.writeLong(a.unbondingReleaseHeight());
        });
    w.writeList(
        maps.values().entrySet(),
        (out, entry) -> {
          entry.getKey().owner().write(out);
          out.writeBytes(entry.getKey().rawKey());
          out.writeBytes(entry.getValue());
        });
    w.writeList(
        maps.candidates().entrySet(),
        (out, entry) -> {
          entry.getKey().write(out);
          out.writeLong(entry.getValue());
        });
    w.writeList(
        maps.votes().entrySet(),
        (out, entry) -> {
          entry.getKey().write(out);
          out.writeList(entry.getValue(), (o, key) -> key.write(o));
        });
    w.writeList(
        maps.slashed().entrySet(),
        (out, entry) -> {
          entry.getKey().write(out);
          out.writeLong(entry.getValue());
        });
    return w.toByteArray();
  }

  /** Decodes a state and labels it as the state after {@code blockId} at {@code height}. */
  public static PersistentLedgerState decode(byte[] bytes, Hash blockId, long height) {
    CanonicalReader r = new CanonicalReader(bytes);
    if (!Arrays.equals(r.readFixed(DOMAIN.length), DOMAIN)) {
      throw new DecodingException("not a serialized ledger state");
    }
    String chainId = r.readString(MAX_CHAIN_ID_BYTES);
    StateEditor editor = PersistentLedgerState.empty(chainId).edit();
    readAccounts(r, editor);
    readValues(r, editor);
    readCandidates(r, editor);
    readVotes(r, editor);
    readSlashed(r, editor);
    r.finish();
    return editor.finish(blockId, height);
  }

  private static void readAccounts(CanonicalReader r, StateEditor editor) {
    int count = readCount(r);
    PublicKey previous = null;
    for (int i = 0; i < count; i++) {
      PublicKey owner = PublicKey.read(r);
      previous = requireAscending(previous, owner, "account");
      Account account =
          new Account(
              r.readNonNegativeLong("balance"),
              r.readNonNegativeLong("nonce"),
              r.readNonNegativeLong("stake"),
              r.readNonNegativeLong("unbonding"),
              r.readNonNegativeLong("unbonding release height"));
      if (account.isEmpty()) {
        throw new DecodingException("empty account " + owner + " must not be listed");
      }
      if (account.unbonding() == 0 && account.unbondingReleaseHeight() != 0) {
        throw new DecodingException("account " + owner + " has a release height but no unbonding");
      }
      putAccount(editor, owner, account);
    }
  }

  private static void putAccount(StateEditor editor, PublicKey owner, Account account) {
    try {
      editor.putAccount(owner, account);
    } catch (ArithmeticException e) {
      throw new DecodingException("total stake overflows");
    }
  }

  private static void readValues(CanonicalReader r, StateEditor editor) {
    int count = readCount(r);
    KvKey previous = null;
    for (int i = 0; i < count; i++) {
      PublicKey owner = PublicKey.read(r);
      byte[] key = r.readBytes(TxPayload.MAX_KEY_BYTES);
      if (key.length == 0) {
        throw new DecodingException("empty key/value key");
      }
      KvKey kvKey = new KvKey(owner, key);
      if (previous != null && previous.compareTo(kvKey) >= 0) {
        throw new DecodingException("key/value entries not in strictly ascending order");
      }
      previous = kvKey;
      editor.putValue(owner, key, r.readBytes(TxPayload.MAX_VALUE_BYTES));
    }
  }

  private static void readCandidates(CanonicalReader r, StateEditor editor) {
    int count = readCount(r);
    PublicKey previous = null;
    for (int i = 0; i < count; i++) {
      PublicKey candidate = PublicKey.read(r);
      previous = requireAscending(previous, candidate, "candidate");
      long deposit = r.readNonNegativeLong("deposit");
      if (deposit == 0) {
        throw new DecodingException("candidate " + candidate + " has no deposit");
      }
      editor.putCandidate(candidate, deposit);
    }
  }

  private static void readVotes(CanonicalReader r, StateEditor editor) {
    int count = readCount(r);
    PublicKey previous = null;
    for (int i = 0; i < count; i++) {
      PublicKey voter = PublicKey.read(r);
      previous = requireAscending(previous, voter, "vote");
      List<PublicKey> approvals = r.readList(TxPayload.MAX_VOTES, PublicKey::read);
      if (approvals.isEmpty()) {
        throw new DecodingException("empty approval list for " + voter + " must not be listed");
      }
      if (new HashSet<>(approvals).size() != approvals.size()) {
        throw new DecodingException("approval list of " + voter + " repeats a candidate");
      }
      for (PublicKey candidate : approvals) {
        if (!editor.isCandidate(candidate)) {
          throw new DecodingException(voter + " votes for unregistered candidate " + candidate);
        }
      }
      editor.putVote(voter, approvals);
    }
  }

  private static void readSlashed(CanonicalReader r, StateEditor editor) {
    int count = readCount(r);
    PublicKey previous = null;
    for (int i = 0; i < count; i++) {
      PublicKey key = PublicKey.read(r);
      previous = requireAscending(previous, key, "slashed");
      editor.putSlashed(key, r.readNonNegativeLong("slashing height"));
    }
  }

  private static int readCount(CanonicalReader r) {
    int count = r.readInt();
    if (count < 0 || count > MAX_ENTRIES) {
      throw new DecodingException(
          "entry count " + Integer.toUnsignedString(count) + " out of range");
    }
    return count;
  }

  private static PublicKey requireAscending(PublicKey previous, PublicKey next, String what) {
    if (previous != null && previous.compareTo(next) >= 0) {
      throw new DecodingException(what + " entries not in strictly ascending order");
    }
    return next;
  }
}
