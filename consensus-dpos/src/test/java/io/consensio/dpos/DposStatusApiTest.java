package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consensio.runtime.http.HttpApiConfig;
import io.consensio.runtime.http.HttpApiServer;
import io.consensio.runtime.http.NodeFacts;
import io.consensio.runtime.metrics.MicrometerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-delegate produced/missed counters are chain data and reach the HTTP API: they are computed
 * from the round records carried (and re-verified) in round-opening blocks plus the blocks of the
 * current round, so a node that crashed and restarted from disk reports exactly what its peers
 * report, and {@code GET /v1/status} shows them under {@code engine.details.delegateStats}.
 */
class DposStatusApiTest {
  @Test
  void everyNodeReportsTheSameCountersAndTheHttpStatusShowsThem() throws Exception {
    DposCluster cluster = new DposCluster(4, DposCluster.section(21));
    cluster.runUntil(5_000);
    cluster.crash(2);
    cluster.runUntil(12_000);
    cluster.restart(2);
    cluster.runUntil(20_250); // mid-slot: the last slot's block has reached every node

    Object stats = cluster.status(0).details().get("delegateStats");
    for (int i = 1; i < cluster.size(); i++) {
      assertThat(cluster.chain(i).head()).isEqualTo(cluster.chain(0).head());
      assertThat(cluster.status(i).details().get("delegateStats"))
          .as("node %d, which %s, counts like node 0", i, i == 2 ? "restarted" : "stayed up")
          .isEqualTo(stats);
    }
    Map<?, ?> crashed = (Map<?, ?>) ((Map<?, ?>) stats).get("node-02");
    assertThat((Long) crashed.get("missed")).as("slots missed while down").isPositive();
    assertThat((Long) crashed.get("produced")).as("blocks before and after").isPositive();

    // The simulation is paused while the API serves, so the node core is touched by one thread
    // at a time; the HTTP server runs its event-loop work directly on its own thread.
    MicrometerMetrics metrics = new MicrometerMetrics();
    try (HttpApiServer server =
        new HttpApiServer(
            HttpApiConfig.DEFAULT,
            cluster.core(0),
            Runnable::run,
            metrics,
            NodeFacts.of(cluster.spec(0)))) {
      int port = server.start();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/status"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode engine = new ObjectMapper().readTree(response.body()).get("engine");
      assertThat(engine.get("role").asText()).isEqualTo("delegate");
      JsonNode shown = engine.get("details").get("delegateStats");
      assertThat(shown.size()).isEqualTo(4);
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) stats).entrySet()) {
        Map<?, ?> figures = (Map<?, ?>) entry.getValue();
        JsonNode delegate = shown.get((String) entry.getKey());
        assertThat(delegate.get("produced").asLong()).isEqualTo(figures.get("produced"));
        assertThat(delegate.get("missed").asLong()).isEqualTo(figures.get("missed"));
      }
      assertThat(engine.get("details").get("lib").asLong())
          .isEqualTo(cluster.chain(0).finalizedHead().height());
    }
  }
}
