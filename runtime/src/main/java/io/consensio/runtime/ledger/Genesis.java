package io.consensio.runtime.ledger;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.state.PersistentLedgerState;
import io.consensio.runtime.state.StateEditor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a chain starts from: its id, the genesis timestamp, the initial accounts and candidates, and
 * the {@link LedgerRules}. Every node of a chain must hold the same genesis; {@link #block()} is
 * then the same block, with the same id, everywhere.
 *
 * <p>The chain id is committed to by the genesis state root (and so by the genesis id, which
 * excludes the seal) and is also the genesis seal: two chains with the same accounts and timestamp
 * still have different genesis blocks, so a node cannot be talked into following the wrong chain.
 *
 * @param chainId 1-64 characters of letters, digits, '_', '.', '-'
 * @param timestampMillis the genesis block's timestamp
 * @param accounts initial balances and stakes, each key at most once
 * @param candidates delegate candidates registered from the start, with their deposits
 * @param rules the chain's economic and size rules
 */
public record Genesis(
    String chainId,
    long timestampMillis,
    List<GenesisAccount> accounts,
    List<GenesisCandidate> candidates,
    LedgerRules rules) {
  /** The proposer of the genesis block: nobody. */
  public static final PublicKey NO_PROPOSER = PublicKey.wrap(new byte[PublicKey.SIZE]);

  private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** An initial account. */
  public record GenesisAccount(PublicKey publicKey, long balance, long stake) {
    public GenesisAccount {
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }

  /**
   * A delegate candidate registered at genesis; its deposit is minted, not taken from a balance.
   */
  public record GenesisCandidate(PublicKey publicKey, long deposit) {
    public GenesisCandidate {
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }

  /** The genesis block together with the state after it. */
  public record Start(Block block, PersistentLedgerState state) {}

  public Genesis {
    if (chainId == null || !CHAIN_ID.matcher(chainId).matches()) {
      throw new GenesisException(
          "chainId", "must be 1-64 letters, digits, '_', '.', '-', got " + chainId);
    }
    accounts = List.copyOf(accounts);
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(rules, "rules");
    long supply = 0;
    Set<PublicKey> seen = new HashSet<>();
    for (int i = 0; i < accounts.size(); i++) {
      GenesisAccount account = accounts.get(i);
      String field = "accounts[" + i + "]";
      if (!seen.add(account.publicKey())) {
        throw new GenesisException(field + ".publicKey", "listed twice: " + account.publicKey());
      }
      requireNonNegative(account.balance(), field + ".balance");
      requireNonNegative(account.stake(), field + ".stake");
      if (account.stake() > 0 && account.stake() < rules.minStake()) {
        throw new GenesisException(field + ".stake", "below the minimum stake " + rules.minStake());
      }
      supply = addToSupply(supply, account.balance(), field + ".balance");
      supply = addToSupply(supply, account.stake(), field + ".stake");
    }
    Set<PublicKey> seenCandidates = new HashSet<>();
    for (int i = 0; i < candidates.size(); i++) {
      GenesisCandidate candidate = candidates.get(i);
      String field = "candidates[" + i + "]";
      if (!seenCandidates.add(candidate.publicKey())) {
        throw new GenesisException(field + ".publicKey", "listed twice: " + candidate.publicKey());
      }
      if (candidate.deposit() < rules.minCandidateDeposit()) {
        throw new GenesisException(
            field + ".deposit", "below the minimum deposit " + rules.minCandidateDeposit());
      }
      supply = addToSupply(supply, candidate.deposit(), field + ".deposit");
    }
  }

  /** Reads a genesis file; see {@link GenesisJson} for the format. */
  public static Genesis load(Path file) throws IOException {
    return GenesisJson.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static Genesis fromJson(String json) {
    return GenesisJson.parse(json);
  }

  /** The JSON form {@link #fromJson} reads; {@code fromJson(toJson())} equals this genesis. */
  public String toJson() {
    return GenesisJson.render(this);
  }

  /** Builds the genesis state and block. Deterministic: equal genesis, equal result. */
  public Start start() {
    StateEditor editor = PersistentLedgerState.empty(chainId).edit();
    for (GenesisAccount account : accounts) {
      editor.putAccount(
          account.publicKey(), new Account(account.balance(), 0, account.stake(), 0, 0));
    }
    for (GenesisCandidate candidate : candidates) {
      editor.putCandidate(candidate.publicKey(), candidate.deposit());
    }
    PersistentLedgerState unlabelled = editor.finish(Hash.ZERO, 0);
    BlockHeader header =
        new BlockHeader(
            0,
            Hash.ZERO,
            timestampMillis,
            NO_PROPOSER,
            MerkleTree.EMPTY_ROOT,
            unlabelled.stateRoot(),
            chainId.getBytes(StandardCharsets.UTF_8));
    Block block = new Block(header, List.of());
    return new Start(block, unlabelled.relabel(block.id(), 0));
  }

  public Block block() {
    return start().block();
  }

  private static void requireNonNegative(long value, String field) {
    if (value < 0) {
      throw new GenesisException(field, "must not be negative, got " + value);
    }
  }

  private static long addToSupply(long supply, long amount, String field) {
    try {
      return Math.addExact(supply, amount);
    } catch (ArithmeticException e) {
      throw new GenesisException(field, "makes the total supply overflow a 64-bit integer");
    }
  }
}
