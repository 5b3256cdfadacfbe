package io.consensio.runtime.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.crypto.PublicKey;
import io.consensio.runtime.state.LedgerRules;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link Genesis} from JSON:
 *
 * <pre>{@code
 * {
 *   "chainId": "devnet",
 *   "timestampMillis": 0,
 *   "accounts": [ {"publicKey": "<64 hex>", "balance": 1000000, "stake": 0} ],
 *   "candidates": [ {"publicKey": "<64 hex>", "deposit": 100} ],
 *   "rules": { "blockReward": 0, "minStake": 1, "unbondingPeriodBlocks": 10,
 *              "minCandidateDeposit": 1, "maxBlockTransactions": 10000,
 *              "maxBlockBytes": 4194304, "maxFutureDriftMillis": 15000,
 *              "slashPercent": 100, "reporterRewardPercent": 10,
 *              "verifyTransactionSignatures": true }
 * }
 * }</pre>
 *
 * {@code chainId} and {@code accounts} are required; everything else defaults ({@code stake} to 0,
 * {@code candidates} to none, each rule to {@link LedgerRules#DEFAULTS}). Unknown fields, repeated
 * fields, wrong types and bad values raise a {@link GenesisException} naming the field: a typo in a
 * genesis file must not silently start a different chain.
 */
final class GenesisJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private static final Set<String> TOP_FIELDS =
      Set.of("chainId", "timestampMillis", "accounts", "candidates", "rules");
  private static final Set<String> ACCOUNT_FIELDS = Set.of("publicKey", "balance", "stake");
  private static final Set<String> CANDIDATE_FIELDS = Set.of("publicKey", "deposit");
  private static final Set<String> RULE_FIELDS =
      Set.of(
          "blockReward",
          "minStake",
          "unbondingPeriodBlocks",
          "minCandidateDeposit",
          "maxBlockTransactions",
          "maxBlockBytes",
          "maxFutureDriftMillis",
          "slashPercent",
          "reporterRewardPercent",
          "verifyTransactionSignatures");

  private GenesisJson() {}

  static String render(Genesis genesis) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("chainId", genesis.chainId());
    root.put("timestampMillis", genesis.timestampMillis());
    ArrayNode accounts = root.putArray("accounts");
    for (Genesis.GenesisAccount account : genesis.accounts()) {
      accounts
          .addObject()
          .put("publicKey", account.publicKey().toHex())
          .put("balance", account.balance())
          .put("stake", account.stake());
    }
    ArrayNode candidates = root.putArray("candidates");
    for (Genesis.GenesisCandidate candidate : genesis.candidates()) {
      candidates
          .addObject()
          .put("publicKey", candidate.publicKey().toHex())
          .put("deposit", candidate.deposit());
    }
    LedgerRules rules = genesis.rules();
    root.putObject("rules")
        .put("blockReward", rules.blockReward())
        .put("minStake", rules.minStake())
        .put("unbondingPeriodBlocks", rules.unbondingPeriodBlocks())
        .put("minCandidateDeposit", rules.minCandidateDeposit())
        .put("maxBlockTransactions", rules.maxBlockTransactions())
        .put("maxBlockBytes", rules.maxBlockBytes())
        .put("maxFutureDriftMillis", rules.maxFutureDriftMillis())
        .put("slashPercent", rules.slashPercent())
        .put("reporterRewardPercent", rules.reporterRewardPercent())
        .put("verifyTransactionSignatures", rules.verifyTransactionSignatures());
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render genesis", e);
    }
  }

  static Genesis parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new GenesisException("(document)", "not valid JSON: " + e.getOriginalMessage());
    }
    requireObject(root, "(document)", TOP_FIELDS);
    JsonNode chainId = required(root, "chainId", "chainId");
    if (!chainId.isTextual()) {
      throw new GenesisException("chainId", "must be a string");
    }
    long timestamp = optionalLong(root, "timestampMillis", "timestampMillis", 0);
    List<Genesis.GenesisAccount> accounts = new ArrayList<>();
    JsonNode accountsNode = required(root, "accounts", "accounts");
    requireArray(accountsNode, "accounts");
    for (int i = 0; i < accountsNode.size(); i++) {
      String field = "accounts[" + i + "]";
      JsonNode node = accountsNode.get(i);
      requireObject(node, field, ACCOUNT_FIELDS);
      accounts.add(
          new Genesis.GenesisAccount(
              publicKey(required(node, "publicKey", field + ".publicKey"), field + ".publicKey"),
              requiredLong(node, "balance", field + ".balance"),
              optionalLong(node, "stake", field + ".stake", 0)));
    }
    List<Genesis.GenesisCandidate> candidates = new ArrayList<>();
    JsonNode candidatesNode = root.get("candidates");
    if (candidatesNode != null) {
      requireArray(candidatesNode, "candidates");
      for (int i = 0; i < candidatesNode.size(); i++) {
        String field = "candidates[" + i + "]";
        JsonNode node = candidatesNode.get(i);
        requireObject(node, field, CANDIDATE_FIELDS);
        candidates.add(
            new Genesis.GenesisCandidate(
                publicKey(required(node, "publicKey", field + ".publicKey"), field + ".publicKey"),
                requiredLong(node, "deposit", field + ".deposit")));
      }
    }
    return new Genesis(chainId.asText(), timestamp, accounts, candidates, rules(root.get("rules")));
  }

  private static LedgerRules rules(JsonNode node) {
    if (node == null) {
      return LedgerRules.DEFAULTS;
    }
    requireObject(node, "rules", RULE_FIELDS);
    LedgerRules d = LedgerRules.DEFAULTS;
    long blockReward = optionalLong(node, "blockReward", "rules.blockReward", d.blockReward());
    long minStake = optionalLong(node, "minStake", "rules.minStake", d.minStake());
    long unbonding =
        optionalLong(
            node,
            "unbondingPeriodBlocks",
            "rules.unbondingPeriodBlocks",
            d.unbondingPeriodBlocks());
    long minDeposit =
        optionalLong(
            node, "minCandidateDeposit", "rules.minCandidateDeposit", d.minCandidateDeposit());
    int maxTxs =
        optionalInt(
            node, "maxBlockTransactions", "rules.maxBlockTransactions", d.maxBlockTransactions());
    int maxBytes = optionalInt(node, "maxBlockBytes", "rules.maxBlockBytes", d.maxBlockBytes());
    long drift =
        optionalLong(
            node, "maxFutureDriftMillis", "rules.maxFutureDriftMillis", d.maxFutureDriftMillis());
    int slashPercent = optionalInt(node, "slashPercent", "rules.slashPercent", d.slashPercent());
    int rewardPercent =
        optionalInt(
            node,
            "reporterRewardPercent",
            "rules.reporterRewardPercent",
            d.reporterRewardPercent());
    boolean verifySignatures =
        optionalBoolean(
            node,
            "verifyTransactionSignatures",
            "rules.verifyTransactionSignatures",
            d.verifyTransactionSignatures());
    try {
      return new LedgerRules(
          blockReward,
          minStake,
          unbonding,
          minDeposit,
          maxTxs,
          maxBytes,
          drift,
          slashPercent,
          rewardPercent,
          verifySignatures);
    } catch (IllegalArgumentException e) {
      // LedgerRules names the parameter first ("minStake must be positive ..."): keep that name.
      String message = e.getMessage();
      String name = message.substring(0, message.indexOf(' '));
      throw new GenesisException("rules." + name, message.substring(name.length() + 1));
    }
  }

  private static boolean optionalBoolean(
      JsonNode parent, String name, String field, boolean fallback) {
    JsonNode node = parent.get(name);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new GenesisException(field, "must be true or false");
    }
    return node.booleanValue();
  }

  private static void requireObject(JsonNode node, String field, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw new GenesisException(field, "must be an object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String path = field.equals("(document)") ? name : field + "." + name;
        throw new GenesisException(path, "unknown field; expected one of " + allowed);
      }
    }
  }

  private static void requireArray(JsonNode node, String field) {
    if (!node.isArray()) {
      throw new GenesisException(field, "must be an array");
    }
  }

  private static JsonNode required(JsonNode parent, String name, String field) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new GenesisException(field, "is required");
    }
    return node;
  }

  private static long requiredLong(JsonNode parent, String name, String field) {
    return toLong(required(parent, name, field), field);
  }

  private static long optionalLong(JsonNode parent, String name, String field, long fallback) {
    JsonNode node = parent.get(name);
    return node == null ? fallback : toLong(node, field);
  }

  private static int optionalInt(JsonNode parent, String name, String field, int fallback) {
    long value = optionalLong(parent, name, field, fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new GenesisException(field, "does not fit in a 32-bit integer: " + value);
    }
    return (int) value;
  }

  private static long toLong(JsonNode node, String field) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new GenesisException(field, "must be an integer that fits in 64 bits, got " + node);
    }
    return node.longValue();
  }

  private static PublicKey publicKey(JsonNode node, String field) {
    if (!node.isTextual() || !node.asText().matches("[0-9a-fA-F]{64}")) {
      throw new GenesisException(field, "must be 64 hex characters (an Ed25519 public key)");
    }
    return PublicKey.wrap(HexFormat.of().parseHex(node.asText()));
  }
}
