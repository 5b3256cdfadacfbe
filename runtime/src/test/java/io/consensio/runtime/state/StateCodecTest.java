package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private final PublicKey alice = TestKeys.key(1).publicKey();
  private final PublicKey bob = TestKeys.key(2).publicKey();
  private final PublicKey carol = TestKeys.key(3).publicKey();
  private final Hash blockId = Hash.sha256(bytes("block"));

  private PersistentLedgerState richState() {
    StateEditor editor = PersistentLedgerState.empty("codec").edit();
    editor.putAccount(alice, new Account(100, 3, 50, 20, 17));
    editor.putAccount(bob, new Account(7, 0, 0, 0, 0));
    editor.putValue(alice, bytes("b"), bytes("second"));
    editor.putValue(alice, bytes("a"), bytes("first"));
    editor.putValue(bob, bytes("a"), new byte[0]);
    editor.putCandidate(bob, 40);
    editor.putCandidate(carol, 60);
    editor.putVote(alice, List.of(carol, bob));
    return editor.finish(blockId, 12);
  }

  @Test
  void aDecodedStateHasTheSameRootContentsAndEncoding() {
    PersistentLedgerState original = richState();
    byte[] encoded = StateCodec.encode(original);

    PersistentLedgerState decoded = StateCodec.decode(encoded, blockId, 12);

    assertThat(decoded.stateRoot()).isEqualTo(original.stateRoot());
    assertThat(decoded.accounts()).isEqualTo(original.accounts());
    assertThat(decoded.votes()).isEqualTo(original.votes());
    assertThat(decoded.candidates()).isEqualTo(original.candidates());
    assertThat(decoded.stakes()).isEqualTo(original.stakes());
    assertThat(decoded.value(bob, bytes("a"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
    assertThat(decoded.chainId()).isEqualTo("codec");
    assertThat(decoded.height()).isEqualTo(12);
    assertThat(StateCodec.encode(decoded)).isEqualTo(encoded);
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] encoded = StateCodec.encode(richState());
    for (int length = 0; length < encoded.length; length++) {
      byte[] prefix = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> StateCodec.decode(prefix, blockId, 12))
          .as("prefix of %d bytes", length)
          .isInstanceOf(DecodingException.class);
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] encoded = StateCodec.encode(richState());
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);

    assertThatThrownBy(() -> StateCodec.decode(longer, blockId, 12))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void otherBytesAreNotMistakenForAState() {
    assertThatThrownBy(() -> StateCodec.decode(bytes("consensio/block/v1 and more"), blockId, 1))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void accountsOutOfOrderAreRejected() {
    PublicKey low = alice.compareTo(bob) < 0 ? alice : bob;
    PublicKey high = low == alice ? bob : alice;
    byte[] bytes = stateWithAccounts(List.of(high, low), new Account(1, 0, 0, 0, 0));

    assertThatThrownBy(() -> StateCodec.decode(bytes, blockId, 1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("ascending");
  }

  @Test
  void aRepeatedAccountIsRejected() {
    byte[] bytes = stateWithAccounts(List.of(alice, alice), new Account(1, 0, 0, 0, 0));

    assertThatThrownBy(() -> StateCodec.decode(bytes, blockId, 1))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void anEmptyAccountIsRejected() {
    byte[] bytes = stateWithAccounts(List.of(alice), Account.EMPTY);

    assertThatThrownBy(() -> StateCodec.decode(bytes, blockId, 1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("empty account");
  }

  @Test
  void aNegativeBalanceIsRejected() {
    byte[] bytes = stateWithAccounts(List.of(alice), new Account(-1, 0, 0, 0, 0));

    assertThatThrownBy(() -> StateCodec.decode(bytes, blockId, 1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("balance");
  }

  @Test
  void aVoteForAnUnregisteredCandidateIsRejected() {
    CanonicalWriter w = header();
    w.writeInt(0); // accounts
    w.writeInt(0); // key/value entries
    w.writeInt(0); // candidates
    w.writeInt(1); // votes
    alice.write(w);
    w.writeList(List.of(bob), (out, key) -> key.write(out));

    assertThatThrownBy(() -> StateCodec.decode(w.toByteArray(), blockId, 1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unregistered candidate");
  }

  @Test
  void slashedKeysOutOfOrderAreRejected() {
    List<PublicKey> keys = new java.util.ArrayList<>(List.of(alice, bob));
    keys.sort(null);
    CanonicalWriter w = header();
    w.writeInt(0); // accounts
    w.writeInt(0); // key/value entries
    w.writeInt(0); // candidates
    w.writeInt(0); // votes
    w.writeInt(2); // slashed keys, descending
    keys.get(1).write(w);
    w.writeLong(3);
    keys.get(0).write(w);
    w.writeLong(4);

    assertThatThrownBy(() -> StateCodec.decode(w.toByteArray(), blockId, 1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("ascending");
  }

  @Test
  void anAbsurdEntryCountIsRejectedBeforeReading() {
    CanonicalWriter w = header();
    w.writeInt(-1);

    assertThatThrownBy(() -> StateCodec.decode(w.toByteArray(), blockId, 1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("count");
  }

  private static CanonicalWriter header() {
    CanonicalWriter w = new CanonicalWriter();
    w.writeFixed("consensio/state/v2".getBytes(StandardCharsets.US_ASCII));
    w.writeString("codec");
    return w;
  }

  private static byte[] stateWithAccounts(List<PublicKey> owners, Account account) {
    CanonicalWriter w = header();
    w.writeInt(owners.size());
    for (PublicKey owner : owners) {
      owner.write(w);
      w.writeLong(account.balance());
      w.writeLong(account.nonce());
      w.writeLong(account.stake());
      w.writeLong(account.unbonding());
      w.writeLong(account.unbondingReleaseHeight());
    }
    w.writeInt(0);
    w.writeInt(0);
    w.writeInt(0);
    w.writeInt(0); // slashed keys
    return w.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
