package io.consensio.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.http.HttpApiConfig;
import io.consensio.runtime.http.InstantProvider;
import io.consensio.runtime.http.TestNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeClientTest {
  private final TestNode node = new TestNode();
  private final NodeClient client = new NodeClient(node.uri);

  @AfterEach
  void close() {
    node.close();
  }

  private Transaction transfer(long nonce, long amount) {
    return Transaction.sign(
        node.client, nonce, 2, new TxPayload.Transfer(node.stranger.publicKey(), amount));
  }

  @Test
  void aSubmittedTransactionIsAdmittedThenPendingThenFinal() {
    Transaction tx = transfer(0, 100);

    SubmitResult result = client.submit(tx);
    assertThat(result).isEqualTo(new SubmitResult(tx.id(), true, "accepted"));
    TxStatus pending = client.transactionStatus(tx.id()).orElseThrow();
    assertThat(pending.state()).isEqualTo(TxStatus.State.PENDING);
    assertThat(pending.height()).isEmpty();

    node.startEngine();
    TxStatus committed = client.transactionStatus(tx.id()).orElseThrow();

    Block head = node.onLoop(core -> core.chain().head());
    assertThat(committed.isFinal()).isTrue();
    assertThat(committed.height()).hasValue(1);
    assertThat(committed.blockId()).hasValue(head.id());
    assertThat(committed.index()).hasValue(0);
    assertThat(committed.confirmations()).isEqualTo(1);
    // The instant engine certifies its blocks with its own signature: one replica, one reply.
    assertThat(committed.certifiedBy()).containsExactly("node-1");
    assertThat(committed.repliesNeeded()).hasValue(1);
  }

  @Test
  void aRefusedTransactionIsAResultWithTheMempoolsReason() {
    Transaction tooLate = transfer(0, 100);
    client.submit(tooLate);
    node.startEngine();

    assertThat(client.submit(tooLate))
        .isEqualTo(new SubmitResult(tooLate.id(), false, "nonce-too-low"));
    Transaction overdraft = transfer(1, TestNode.CLIENT_BALANCE);
    assertThat(client.submit(overdraft).reason()).isEqualTo("insufficient-balance");
  }

  @Test
  void anUnknownTransactionHasNoStatus() {
    assertThat(client.transactionStatus(transfer(0, 1).id())).isEmpty();
  }

  @Test
  void statusReadsTheNodesFacts() {
    client.submit(transfer(0, 100));

    NodeStatus status = client.status();

    assertThat(status.nodeId()).isEqualTo("node-1");
    assertThat(status.networkId()).isEqualTo("http-test");
    assertThat(status.consensusType()).isEqualTo("instant");
    assertThat(status.role()).isEqualTo("authority");
    assertThat(status.roundName()).isEqualTo("height");
    assertThat(status.leader()).hasValue("node-1");
    assertThat(status.headHeight()).isZero();
    assertThat(status.headId()).isEqualTo(node.onLoop(core -> core.chain().genesis().id()));
    assertThat(status.finalizedHeight()).isZero();
    assertThat(status.mempoolSize()).isEqualTo(1);
    assertThat(status.peers()).isEmpty();
    assertThat(status.engineDetails().get("committedBlocks").asLong()).isZero();
  }

  @Test
  void anAccountGivesTheNextNonceToUse() {
    AccountInfo fresh = client.account(node.client.publicKey());
    assertThat(fresh.nonce()).isZero();
    assertThat(fresh.balance()).isEqualTo(TestNode.CLIENT_BALANCE);

    client.submit(transfer(fresh.nonce(), 100));
    node.startEngine();
    AccountInfo after = client.account(node.client.publicKey());

    assertThat(after.nonce()).isEqualTo(1);
    assertThat(after.balance()).isEqualTo(TestNode.CLIENT_BALANCE - 100 - 2);
    assertThat(after.atHeight()).isEqualTo(1);
    assertThat(client.submit(transfer(after.nonce(), 5)).admitted()).isTrue();
  }

  @Test
  void blocksByHeightAndHashAndTheHead() {
    client.submit(transfer(0, 100));
    node.startEngine();

    JsonNode first = client.block(1).orElseThrow();
    Hash id = Hash.fromHex(first.get("id").asText());

    assertThat(first.get("transactions")).hasSize(1);
    assertThat(client.block(id)).hasValue(first);
    assertThat(client.headBlock()).isEqualTo(first);
    assertThat(client.block(0).orElseThrow().get("height").asLong()).isZero();
    assertThat(client.block(2)).isEmpty();
    assertThat(client.block(Hash.ZERO)).isEmpty();
  }

  @Test
  void anErrorStatusIsAnExceptionCarryingTheNodesMessage() {
    var broken = JsonNodeFactory.instance.objectNode().put(InstantProvider.BROKEN_STATUS, true);
    try (TestNode brokenNode = new TestNode(broken, HttpApiConfig.DEFAULT_MAX_BODY_BYTES)) {
      NodeClient brokenClient = new NodeClient(brokenNode.uri);

      assertThatThrownBy(brokenClient::status)
          .isInstanceOfSatisfying(
              NodeHttpException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.error()).contains("status is broken on purpose");
              })
          .hasMessageStartingWith("GET " + brokenNode.uri + "/v1/status failed with HTTP 500");
    }
  }

  @Test
  void aNodeThatIsNotListeningIsUnreachable() throws IOException {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }
    NodeClient nobody = new NodeClient(URI.create("http://127.0.0.1:" + freePort));

    assertThatThrownBy(nobody::status)
        .isInstanceOf(NodeUnreachableException.class)
        .hasMessageContaining("GET http://127.0.0.1:" + freePort + "/v1/status");
  }

  @Test
  void aNodeThatNeverAnswersTimesOutAsUnreachable() throws IOException {
    // the kernel completes the connection; nobody ever reads the request or answers it
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      NodeClient waiting =
          new NodeClient(
              URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(300));

      assertThatThrownBy(() -> waiting.account(node.client.publicKey()))
          .isInstanceOf(NodeUnreachableException.class)
          .hasMessageContaining("no answer within 300 ms");
    }
  }
}
