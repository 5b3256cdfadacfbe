package io.consensio.runtime.http;

import static io.consensio.runtime.http.ApiCalls.json;
import static io.consensio.runtime.http.ApiCalls.submitBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransactionEndpointsTest {
  private final TestNode node = new TestNode();
  private final ApiCalls api = new ApiCalls(node.uri);

  @AfterEach
  void close() {
    node.close();
  }

  private Transaction transfer(long nonce, long amount) {
    return Transaction.sign(
        node.client, nonce, 1, new TxPayload.Transfer(node.stranger.publicKey(), amount));
  }

  @Test
  void anAdmittedTransferIsPendingThenFinalOnceTheEngineCommitsIt() {
    Transaction tx = transfer(0, 250);

    HttpResponse<String> submitted = api.submit(tx);
    assertThat(submitted.statusCode()).isEqualTo(202);
    assertThat(submitted.headers().firstValue("content-type")).hasValue(ApiResponse.JSON);
    assertThat(json(submitted).get("id").asText()).isEqualTo(tx.id().toHex());
    assertThat(json(submitted).get("status").asText()).isEqualTo("pending");

    JsonNode pending = json(api.get("/v1/transactions/" + tx.id().toHex()));
    assertThat(pending.get("status").asText()).isEqualTo("pending");
    assertThat(pending.has("height")).isFalse();

    node.startEngine();

    HttpResponse<String> answer = api.get("/v1/transactions/" + tx.id().toHex());
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode committed = json(answer);
    Block head = node.onLoop(core -> core.chain().head());
    assertThat(committed.get("status").asText()).isEqualTo("final");
    assertThat(committed.get("height").asLong()).isEqualTo(1);
    assertThat(committed.get("blockId").asText()).isEqualTo(head.id().toHex());
    assertThat(committed.get("index").asInt()).isZero();
    assertThat(committed.get("confirmations").asLong()).isEqualTo(1);
    assertThat(head.transactions()).containsExactly(tx);
    // The engine certifies finality (CertifiedFinality): who vouches, and how many replies count.
    assertThat(committed.get("replicasConfirming").asInt()).isEqualTo(1);
    assertThat(committed.get("certifiedBy").get(0).asText()).isEqualTo("node-1");
    assertThat(committed.get("repliesNeeded").asInt()).isEqualTo(1);
    assertThat(committed.get("finalByReplies").asBoolean()).isTrue();
    assertThat(pending.has("replicasConfirming")).as("only for final transactions").isFalse();
  }

  @Test
  void confirmationsCountTheBlocksFromTheTransactionsBlockToTheHead() {
    node.startEngine();
    Transaction first = transfer(0, 10);
    assertThat(api.submit(first).statusCode()).isEqualTo(202);
    awaitCommitted(first);
    Transaction second = transfer(1, 10);
    assertThat(api.submit(second).statusCode()).isEqualTo(202);
    awaitCommitted(second);

    JsonNode status = json(api.get("/v1/transactions/" + first.id().toHex()));
    assertThat(status.get("height").asLong()).isEqualTo(1);
    assertThat(status.get("confirmations").asLong()).isEqualTo(2);
  }

  /** The engine commits on its own event-loop turn; wait for that turn, not for a time. */
  private void awaitCommitted(Transaction tx) {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      Optional<TxLocation> location = node.onLoop(core -> core.chain().findTransaction(tx.id()));
      if (location.isPresent()) {
        return;
      }
    }
    throw new AssertionError(tx + " was never committed");
  }

  @Test
  void aForgedSignatureIsRefusedWithTheMempoolsReason() {
    Transaction honest = transfer(0, 250);
    Transaction signedByAnother =
        Transaction.sign(node.stranger, 0, 1, new TxPayload.Transfer(node.stranger.publicKey(), 1));
    Transaction forged =
        Transaction.of(
            node.client.publicKey(), 0, 1, honest.payload(), signedByAnother.signature());

    HttpResponse<String> answer = api.submit(forged);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("reason").asText()).isEqualTo("bad-signature");
    assertThat(json(answer).get("error").asText()).contains("bad-signature");
    assertThat(json(answer).get("id").asText()).isEqualTo(forged.id().toHex());
    assertThat(node.mempoolSize()).isZero();
  }

  @Test
  void aCommittedTransactionSubmittedAgainIsRefusedAsNonceTooLow() {
    Transaction tx = transfer(0, 250);
    api.submit(tx);
    node.startEngine();

    HttpResponse<String> again = api.submit(tx);

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again).get("reason").asText()).isEqualTo("nonce-too-low");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedNamingTheProblem() {
    HttpResponse<String> answer = api.post("/v1/transactions", "{\"tx\": ");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("error").asText()).startsWith("request body is not valid JSON");
  }

  @Test
  void aBodyWithoutATxStringIsRefusedNamingTheField() {
    HttpResponse<String> answer = api.post("/v1/transactions", "{\"transaction\": \"00\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("error").asText())
        .contains("a string field \"tx\"")
        .contains("hex of an encoded transaction");
  }

  @Test
  void badHexIsRefusedNamingTheProblem() {
    HttpResponse<String> answer = api.post("/v1/transactions", submitBody("0xzz"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("error").asText()).startsWith("field \"tx\" is not valid hex");
  }

  @Test
  void aTruncatedTransactionIsRefusedAsUndecodable() {
    byte[] encoded = transfer(0, 250).encode();
    String truncated = HexFormat.of().formatHex(encoded, 0, encoded.length - 10);

    HttpResponse<String> answer = api.post("/v1/transactions", submitBody(truncated));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("error").asText())
        .startsWith("field \"tx\" does not decode to a transaction")
        .contains("truncated input");
    assertThat(node.mempoolSize()).isZero();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndTheServerCarriesOn() {
    String huge = submitBody("00".repeat(HttpApiConfig.DEFAULT_MAX_BODY_BYTES));

    HttpResponse<String> answer = api.post("/v1/transactions", huge);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(json(answer).get("error").asText())
        .isEqualTo(
            "request body exceeds the limit of " + HttpApiConfig.DEFAULT_MAX_BODY_BYTES + " bytes");
    assertThat(api.submit(transfer(0, 5)).statusCode()).isEqualTo(202);
  }

  @Test
  void anUnknownTransactionIsNotFound() {
    String id = transfer(0, 1).id().toHex();

    HttpResponse<String> answer = api.get("/v1/transactions/" + id);

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(json(answer).get("error").asText()).contains("unknown transaction " + id);
  }

  @Test
  void aMalformedTransactionIdIsABadRequest() {
    HttpResponse<String> answer = api.get("/v1/transactions/1234");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("error").asText())
        .isEqualTo("transaction id must be 64 hex characters (a SHA-256 hash), got '1234'");
  }
}
