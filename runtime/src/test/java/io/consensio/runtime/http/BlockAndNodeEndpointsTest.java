package io.consensio.runtime.http;

import static io.consensio.runtime.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockAndNodeEndpointsTest {
  private final TestNode node = new TestNode();
  private final ApiCalls api = new ApiCalls(node.uri);

  @AfterEach
  void close() {
    node.close();
  }

  private Transaction transfer(long nonce, long amount) {
    return Transaction.sign(
        node.client, nonce, 3, new TxPayload.Transfer(node.stranger.publicKey(), amount));
  }

  /** Commits one transfer in block 1 and returns that block as the node holds it. */
  private Block commitOneTransfer(Transaction tx) {
    assertThat(api.submit(tx).statusCode()).isEqualTo(202);
    node.startEngine();
    return node.onLoop(core -> core.chain().canonicalAt(1).orElseThrow());
  }

  @Test
  void aBlockByHeightShowsItsHeaderSealAndTransactions() {
    Transaction tx = transfer(0, 400);
    Block block = commitOneTransfer(tx);
    Block genesis = node.onLoop(core -> core.chain().genesis());

    HttpResponse<String> answer = api.get("/v1/blocks/1");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode view = json(answer);
    assertThat(view.get("id").asText()).isEqualTo(block.id().toHex());
    assertThat(view.get("height").asLong()).isEqualTo(1);
    assertThat(view.get("parent").asText()).isEqualTo(genesis.id().toHex());
    assertThat(view.get("timestamp").asLong()).isEqualTo(block.header().timestampMillis());
    assertThat(view.get("proposer").asText()).isEqualTo(node.nodeKey.publicKey().toHex());
    assertThat(view.get("txRoot").asText()).isEqualTo(block.header().txRoot().toHex());
    assertThat(view.get("stateRoot").asText()).isEqualTo(block.header().stateRoot().toHex());
    assertThat(view.get("seal").asText())
        .isEqualTo(HexFormat.of().formatHex(block.header().seal()))
        .hasSize(128);
    assertThat(view.get("final").asBoolean()).isTrue();
    assertThat(view.get("canonical").asBoolean()).isTrue();
    assertThat(view.get("transactions")).hasSize(1);
    JsonNode shown = view.get("transactions").get(0);
    assertThat(shown.get("id").asText()).isEqualTo(tx.id().toHex());
    assertThat(shown.get("sender").asText()).isEqualTo(node.client.publicKey().toHex());
    assertThat(shown.get("nonce").asLong()).isZero();
    assertThat(shown.get("fee").asLong()).isEqualTo(3);
    assertThat(shown.get("payload").get("type").asText()).isEqualTo("transfer");
    assertThat(shown.get("payload").get("to").asText())
        .isEqualTo(node.stranger.publicKey().toHex());
    assertThat(shown.get("payload").get("amount").asLong()).isEqualTo(400);
  }

  @Test
  void theSameBlockIsServedByHashAndAsHead() {
    Block block = commitOneTransfer(transfer(0, 400));

    String byHeight = api.get("/v1/blocks/1").body();
    HttpResponse<String> byHash = api.get("/v1/blocks/by-hash/" + block.id().toHex());
    HttpResponse<String> head = api.get("/v1/blocks/head");

    assertThat(byHash.statusCode()).isEqualTo(200);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(byHash.body()).isEqualTo(byHeight);
    assertThat(head.body()).isEqualTo(byHeight);
  }

  @Test
  void genesisIsBlockZeroWithTheZeroParent() {
    JsonNode genesis = json(api.get("/v1/blocks/0"));

    assertThat(genesis.get("height").asLong()).isZero();
    assertThat(genesis.get("parent").asText()).isEqualTo(Hash.ZERO.toHex());
    assertThat(genesis.get("final").asBoolean()).isTrue();
    assertThat(genesis.get("transactions")).isEmpty();
  }

  @Test
  void blocksThatDoNotExistAreNotFoundAndBadHeightsAreBadRequests() {
    HttpResponse<String> beyond = api.get("/v1/blocks/5");
    assertThat(beyond.statusCode()).isEqualTo(404);
    assertThat(json(beyond).get("error").asText())
        .isEqualTo("no canonical block at height 5 (the head is at 0)");

    HttpResponse<String> unknownHash = api.get("/v1/blocks/by-hash/" + "ab".repeat(32));
    assertThat(unknownHash.statusCode()).isEqualTo(404);
    assertThat(json(unknownHash).get("error").asText())
        .isEqualTo("unknown block " + "ab".repeat(32));

    HttpResponse<String> notANumber = api.get("/v1/blocks/latest");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(json(notANumber).get("error").asText()).contains("non-negative integer");

    HttpResponse<String> negative = api.get("/v1/blocks/-1");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(json(negative).get("error").asText()).contains("must not be negative");
  }

  @Test
  void statusReportsTheNodeItsEngineChainAndMempool() {
    Transaction waiting = transfer(0, 10);
    api.submit(waiting);

    JsonNode before = json(api.get("/v1/status"));
    assertThat(before.get("nodeId").asText()).isEqualTo("node-1");
    assertThat(before.get("networkId").asText()).isEqualTo("http-test");
    assertThat(before.get("consensusType").asText()).isEqualTo("instant");
    assertThat(before.get("mempool").get("size").asInt()).isEqualTo(1);
    assertThat(before.get("mempool").get("ready").asInt()).isEqualTo(1);
    assertThat(before.get("head").get("height").asLong()).isZero();
    assertThat(before.get("peers")).isEmpty();

    node.startEngine();
    Block head = node.onLoop(core -> core.chain().head());
    JsonNode after = json(api.get("/v1/status"));

    JsonNode engine = after.get("engine");
    assertThat(engine.get("role").asText()).isEqualTo("authority");
    assertThat(engine.get("roundName").asText()).isEqualTo("height");
    assertThat(engine.get("round").asLong()).isEqualTo(1);
    assertThat(engine.get("leader").asText()).isEqualTo("node-1");
    assertThat(engine.get("details").get("committedBlocks").asLong()).isEqualTo(1);
    assertThat(engine.get("details").get("lastBlock").asText()).isEqualTo(head.id().toHex());
    assertThat(after.get("head").get("height").asLong()).isEqualTo(1);
    assertThat(after.get("head").get("id").asText()).isEqualTo(head.id().toHex());
    assertThat(after.get("finalized").get("height").asLong()).isEqualTo(1);
    assertThat(after.get("finalized").get("id").asText()).isEqualTo(head.id().toHex());
    assertThat(after.get("mempool").get("size").asInt()).isZero();
  }

  @Test
  void anAccountsNonceAndBalanceFollowItsCommittedTransactions() {
    String path = "/v1/accounts/" + node.client.publicKey().toHex();
    JsonNode before = json(api.get(path));
    assertThat(before.get("publicKey").asText()).isEqualTo(node.client.publicKey().toHex());
    assertThat(before.get("nonce").asLong()).isZero();
    assertThat(before.get("balance").asLong()).isEqualTo(TestNode.CLIENT_BALANCE);
    assertThat(before.get("stake").asLong()).isZero();
    assertThat(before.get("at").get("height").asLong()).isZero();

    commitOneTransfer(transfer(0, 400));
    JsonNode after = json(api.get(path));

    assertThat(after.get("nonce").asLong()).isEqualTo(1);
    assertThat(after.get("balance").asLong()).isEqualTo(TestNode.CLIENT_BALANCE - 400 - 3);
    assertThat(after.get("at").get("height").asLong()).isEqualTo(1);
    JsonNode receiver = json(api.get("/v1/accounts/" + node.stranger.publicKey().toHex()));
    assertThat(receiver.get("balance").asLong()).isEqualTo(400);
  }

  @Test
  void aNodesOwnStakeIsShownAndAMalformedKeyIsABadRequest() {
    JsonNode validator = json(api.get("/v1/accounts/" + node.nodeKey.publicKey().toHex()));
    assertThat(validator.get("stake").asLong()).isEqualTo(1_000);

    HttpResponse<String> bad = api.get("/v1/accounts/not-a-key");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).contains("64 hex characters, got 'not-a-key'");
  }

  @Test
  void metricsAreExportedAsPrometheusTextIncludingTheMempool() {
    api.submit(transfer(0, 10));
    api.post("/v1/transactions", "{}");

    HttpResponse<String> answer = api.get("/metrics");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(answer.body())
        .contains("mempool_submitted_total{result=\"accepted\"} 1.0")
        .contains("mempool_size 1.0")
        .contains("api_requests_total{route=\"transactions.submit\",status=\"202\"} 1.0")
        .contains("api_requests_total{route=\"transactions.submit\",status=\"400\"} 1.0");
  }
}
