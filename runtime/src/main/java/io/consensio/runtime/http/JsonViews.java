package io.consensio.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.EngineStatus;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the API. Hashes, keys, seals and byte strings are lower-case hex; amounts,
 * nonces and heights are JSON numbers. Pure functions of immutable values, so they run on Netty
 * threads, off the node's event loop — except {@link #engineStatus}, whose details map may hold
 * engine objects and is therefore rendered on the loop.
 */
final class JsonViews {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private JsonViews() {}

  /**
   * @param canonical whether the block is on the canonical chain
   * @param isFinal whether it is canonical and at or below the finalized head
   */
  static ObjectNode block(Block block, boolean canonical, boolean isFinal) {
    BlockHeader header = block.header();
    ObjectNode node = JSON.objectNode();
    node.put("id", block.id().toHex());
    node.put("height", header.height());
    node.put("parent", header.parent().toHex());
    node.put("timestamp", header.timestampMillis());
    node.put("proposer", header.proposer().toHex());
    node.put("txRoot", header.txRoot().toHex());
    node.put("stateRoot", header.stateRoot().toHex());
    node.put("seal", HEX.formatHex(header.seal()));
    node.put("canonical", canonical);
    node.put("final", isFinal);
    ArrayNode txs = node.putArray("transactions");
    for (Transaction tx : block.transactions()) {
      txs.add(transaction(tx));
    }
    return node;
  }

  static ObjectNode transaction(Transaction tx) {
    ObjectNode node = JSON.objectNode();
    node.put("id", tx.id().toHex());
    node.put("sender", tx.sender().toHex());
    node.put("nonce", tx.nonce());
    node.put("fee", tx.fee());
    node.set("payload", payload(tx.payload()));
    node.put("signature", HEX.formatHex(tx.signature().toBytes()));
    return node;
  }

  /** {@code {"type": ..., fields}}; the type names match the payload records. */
  static ObjectNode payload(TxPayload payload) {
    ObjectNode node = JSON.objectNode();
    if (payload instanceof TxPayload.Transfer t) {
      node.put("type", "transfer");
      node.put("to", t.to().toHex());
      node.put("amount", t.amount());
    } else if (payload instanceof TxPayload.KvPut kv) {
      node.put("type", "kv-put");
      node.put("key", HEX.formatHex(kv.key()));
      node.put("value", HEX.formatHex(kv.value()));
    } else if (payload instanceof TxPayload.Stake s) {
      node.put("type", "stake");
      node.put("amount", s.amount());
    } else if (payload instanceof TxPayload.Unstake u) {
      node.put("type", "unstake");
      node.put("amount", u.amount());
    } else if (payload instanceof TxPayload.Vote v) {
      node.put("type", "vote");
      ArrayNode candidates = node.putArray("candidates");
      v.candidates().forEach(c -> candidates.add(c.toHex()));
    } else if (payload instanceof TxPayload.RegisterCandidate r) {
      node.put("type", "register-candidate");
      node.put("deposit", r.deposit());
    } else if (payload instanceof TxPayload.Evidence e) {
      node.put("type", "evidence");
      node.put("proof", HEX.formatHex(e.proof()));
    } else {
      // TxPayload is sealed; a new kind added to the api without a view here still shows up
      node.put("type", payload.getClass().getSimpleName());
    }
    return node;
  }

  /** {@code {"height": h, "id": hex}} of a block. */
  static ObjectNode blockRef(Block block) {
    ObjectNode node = JSON.objectNode();
    node.put("height", block.height());
    node.put("id", block.id().toHex());
    return node;
  }

  static ObjectNode account(PublicKey owner, Account account, Block at) {
    ObjectNode node = JSON.objectNode();
    node.put("publicKey", owner.toHex());
    node.put("balance", account.balance());
    node.put("nonce", account.nonce());
    node.put("stake", account.stake());
    node.put("unbonding", account.unbonding());
    node.put("unbondingReleaseHeight", account.unbondingReleaseHeight());
    node.set("at", blockRef(at));
    return node;
  }

  /** Renders an engine's status; call on the event loop (details may be live engine objects). */
  static ObjectNode engineStatus(EngineStatus status) {
    ObjectNode node = JSON.objectNode();
    node.put("role", status.role());
    node.put("roundName", status.roundName());
    node.put("round", status.round());
    if (status.leader().isPresent()) {
      node.put("leader", status.leader().get().value());
    } else {
      node.putNull("leader");
    }
    node.set("details", value(status.details()));
    return node;
  }

  /**
   * A JSON value for an engine's detail figure: numbers, booleans and strings as themselves, hashes
   * and keys as hex, collections and maps element by element, anything else by its {@code
   * toString()} — an engine's status must render whatever it puts there.
   */
  static JsonNode value(Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof Optional<?> optional) {
      return value(optional.orElse(null));
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return JSON.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number number) {
      return JSON.numberNode(number.doubleValue());
    }
    if (value instanceof Boolean bool) {
      return JSON.booleanNode(bool);
    }
    if (value instanceof Hash hash) {
      return JSON.textNode(hash.toHex());
    }
    if (value instanceof PublicKey key) {
      return JSON.textNode(key.toHex());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = JSON.objectNode();
      map.entrySet().stream()
          .sorted(
              Map.Entry.comparingByKey((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))))
          .forEach(e -> node.set(String.valueOf(e.getKey()), value(e.getValue())));
      return node;
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode node = JSON.arrayNode();
      collection.forEach(element -> node.add(value(element)));
      return node;
    }
    return JSON.textNode(value.toString());
  }
}
