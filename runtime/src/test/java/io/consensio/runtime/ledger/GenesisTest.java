package io.consensio.runtime.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.state.PersistentLedgerState;
import io.consensio.runtime.state.TestKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GenesisTest {
  private final String alice = TestKeys.key(1).publicKey().toHex();
  private final String bob = TestKeys.key(2).publicKey().toHex();

  private String json(String chainId) {
    return """
        {
          "chainId": "%s",
          "timestampMillis": 1700000000000,
          "accounts": [
            {"publicKey": "%s", "balance": 1000, "stake": 300},
            {"publicKey": "%s", "balance": 5}
          ],
          "candidates": [ {"publicKey": "%s", "deposit": 70} ],
          "rules": {"blockReward": 2, "minStake": 100, "maxBlockTransactions": 50}
        }
        """
        .formatted(chainId, alice, bob, bob);
  }

  @Test
  void loadsEveryFieldFromJsonWithDefaultsForTheRest() {
    Genesis genesis = Genesis.fromJson(json("main"));

    assertThat(genesis.chainId()).isEqualTo("main");
    assertThat(genesis.timestampMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(genesis.accounts()).hasSize(2);
    assertThat(genesis.accounts().get(1).stake()).isZero();
    assertThat(genesis.rules().blockReward()).isEqualTo(2);
    assertThat(genesis.rules().minStake()).isEqualTo(100);
    assertThat(genesis.rules().maxBlockTransactions()).isEqualTo(50);
    assertThat(genesis.rules().maxBlockBytes()).isEqualTo(LedgerRules.DEFAULTS.maxBlockBytes());
  }

  @Test
  void rendersJsonThatReadsBackToAnEqualGenesisAndBlock() {
    Genesis genesis = Genesis.fromJson(json("main"));
    Genesis again = Genesis.fromJson(genesis.toJson());
    assertThat(again).isEqualTo(genesis);
    assertThat(again.block().id()).isEqualTo(genesis.block().id());
  }

  @Test
  void buildsTheGenesisStateAndBlock() {
    Genesis.Start start = Genesis.fromJson(json("main")).start();
    Block block = start.block();
    PersistentLedgerState state = start.state();

    assertThat(block.height()).isZero();
    assertThat(block.parent()).isEqualTo(Hash.ZERO);
    assertThat(block.header().proposer()).isEqualTo(Genesis.NO_PROPOSER);
    assertThat(block.header().txRoot()).isEqualTo(MerkleTree.EMPTY_ROOT);
    assertThat(block.header().seal()).isEqualTo("main".getBytes(StandardCharsets.UTF_8));
    assertThat(block.header().stateRoot()).isEqualTo(state.stateRoot());
    assertThat(state.blockId()).isEqualTo(block.id());
    assertThat(state.balance(TestKeys.key(1).publicKey())).isEqualTo(1000);
    assertThat(state.stake(TestKeys.key(1).publicKey())).isEqualTo(300);
    assertThat(state.totalStake()).isEqualTo(300);
    assertThat(state.candidates()).containsEntry(TestKeys.key(2).publicKey(), 70L);
  }

  @Test
  void theGenesisBlockIsDeterministicAndChainSpecific() {
    assertThat(Genesis.fromJson(json("main")).block())
        .isEqualTo(Genesis.fromJson(json("main")).block());
    assertThat(Genesis.fromJson(json("main")).block().id())
        .isNotEqualTo(Genesis.fromJson(json("test")).block().id());
  }

  @Test
  void anUnknownFieldIsNamed() {
    String typo = json("main").replace("\"balance\": 5", "\"balanse\": 5");

    assertThatThrownBy(() -> Genesis.fromJson(typo))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("accounts[1].balanse"));
  }

  @Test
  void aBadPublicKeyIsNamed() {
    String bad = json("main").replace(alice, "xyz");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("accounts[0].publicKey"));
  }

  @Test
  void aNegativeBalanceIsNamed() {
    String bad = json("main").replace("\"balance\": 1000", "\"balance\": -1");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("accounts[0].balance"));
  }

  @Test
  void aFractionalAmountIsNamed() {
    String bad = json("main").replace("\"deposit\": 70", "\"deposit\": 70.5");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("candidates[0].deposit"));
  }

  @Test
  void aStakeBelowTheMinimumIsNamed() {
    String bad = json("main").replace("\"stake\": 300", "\"stake\": 99");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("accounts[0].stake"));
  }

  @Test
  void aBadRuleIsNamed() {
    String bad =
        json("main").replace("\"maxBlockTransactions\": 50", "\"maxBlockTransactions\": 0");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class,
            e -> assertThat(e.field()).isEqualTo("rules.maxBlockTransactions"));
  }

  @Test
  void aRepeatedAccountIsNamed() {
    String bad = json("main").replace(bob + "\", \"balance\"", alice + "\", \"balance\"");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("accounts[1].publicKey"));
  }

  @Test
  void aMissingChainIdIsNamed() {
    String bad = json("main").replace("\"chainId\": \"main\",", "");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("chainId"));
  }

  @Test
  void aTotalSupplyBeyondSixtyFourBitsIsRefused() {
    String bad = json("main").replace("\"balance\": 5", "\"balance\": " + Long.MAX_VALUE);

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOf(GenesisException.class)
        .hasMessageContaining("total supply");
  }

  @Test
  void slashingSharesAndTheSignatureSwitchRoundTrip() {
    String custom =
        json("main")
            .replace(
                "\"maxBlockTransactions\": 50",
                "\"maxBlockTransactions\": 50, \"slashPercent\": 30,"
                    + " \"reporterRewardPercent\": 5, \"verifyTransactionSignatures\": false");

    Genesis genesis = Genesis.fromJson(custom);

    assertThat(genesis.rules().slashPercent()).isEqualTo(30);
    assertThat(genesis.rules().reporterRewardPercent()).isEqualTo(5);
    assertThat(genesis.rules().verifyTransactionSignatures()).isFalse();
    assertThat(Genesis.fromJson(genesis.toJson()).rules()).isEqualTo(genesis.rules());
    assertThat(Genesis.fromJson(json("main")).rules().verifyTransactionSignatures()).isTrue();
  }

  @Test
  void aSignatureSwitchThatIsNotABooleanIsNamed() {
    String bad =
        json("main")
            .replace(
                "\"maxBlockTransactions\": 50",
                "\"maxBlockTransactions\": 50, \"verifyTransactionSignatures\": \"no\"");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class,
            e -> assertThat(e.field()).isEqualTo("rules.verifyTransactionSignatures"));
  }

  @Test
  void aSlashPercentAbove100IsNamed() {
    String bad =
        json("main")
            .replace(
                "\"maxBlockTransactions\": 50",
                "\"maxBlockTransactions\": 50, \"slashPercent\": 101");

    assertThatThrownBy(() -> Genesis.fromJson(bad))
        .isInstanceOfSatisfying(
            GenesisException.class, e -> assertThat(e.field()).isEqualTo("rules.slashPercent"));
  }
}
