package io.consensio.runtime.state;

import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The byte strings that go into the state's {@link LtHash}: one per entry, each {@code (kind, key,
 * value)} behind a domain tag, so that an account can never collide with a key/value entry that
 * happens to have the same bytes.
 */
final class StateEntries {
  static final int CHAIN = 0;
  static final int ACCOUNT = 1;
  static final int VALUE = 2;
  static final int CANDIDATE = 3;
  static final int VOTE = 4;
  static final int SLASHED = 5;

  private static final byte[] DOMAIN =
      "consensio/state-entry/v1".getBytes(StandardCharsets.US_ASCII);

  private StateEntries() {}

  static byte[] chain(String chainId) {
    return entry(CHAIN, new byte[0], chainId.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] account(PublicKey owner, Account account) {
    CanonicalWriter value = new CanonicalWriter(40);
    value.writeLong(account.balance());
    value.writeLong(account.nonce());
    value.writeLong(account.stake());
    value.writeLong(account.unbonding());
    value.writeLong(account.unbondingReleaseHeight());
    return entry(ACCOUNT, owner.toBytes(), value.toByteArray());
  }

  static byte[] value(KvKey key, byte[] value) {
    CanonicalWriter k = new CanonicalWriter(32 + key.rawKey().length);
    key.owner().write(k);
    k.writeFixed(key.rawKey());
    return entry(VALUE, k.toByteArray(), value);
  }

  static byte[] candidate(PublicKey candidate, long deposit) {
    return entry(
        CANDIDATE, candidate.toBytes(), new CanonicalWriter(8).writeLong(deposit).toByteArray());
  }

  static byte[] vote(PublicKey voter, List<PublicKey> approvals) {
    CanonicalWriter value = new CanonicalWriter(4 + approvals.size() * PublicKey.SIZE);
    value.writeList(approvals, (w, key) -> key.write(w));
    return entry(VOTE, voter.toBytes(), value.toByteArray());
  }

  static byte[] slashed(PublicKey key, long height) {
    return entry(SLASHED, key.toBytes(), new CanonicalWriter(8).writeLong(height).toByteArray());
  }

  private static byte[] entry(int kind, byte[] key, byte[] value) {
    CanonicalWriter w = new CanonicalWriter(DOMAIN.length + 9 + key.length + value.length);
    w.writeFixed(DOMAIN);
    w.writeByte(kind);
    w.writeBytes(key);
    w.writeBytes(value);
    return w.toByteArray();
  }
}
