package io.consensio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Hash;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.TxStatus;
import io.consensio.runtime.config.NodeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real node processes under load; one is killed with SIGKILL mid-load and restarted from its
 * RocksDB directory. Every transaction the network had reported final before the kill is still
 * final on the restarted node, which rejoins and agrees with the others.
 */
class KillNineRecoveryTest {
  private final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess process : processes) {
      process.kill();
    }
  }

  private static void await(String what, long timeoutMillis, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aNodeKilledUnderLoadKeepsEveryCommittedTransactionAndRejoins(@TempDir Path dir)
      throws Exception {
    LocalNetwork network = LocalNetwork.generate(dir, "poa", 4, 4, "127.0.0.1");
    List<Path> files = network.nodeConfigs();
    List<NodeConfig> configs = network.loadConfigs();
    for (int i = 0; i < configs.size(); i++) {
      processes.add(new NodeProcess(configs.get(i), files.get(i)));
    }
    for (NodeProcess process : processes) {
      process.start();
    }
    for (NodeProcess process : processes) {
      process.awaitReady(60_000);
    }
    List<NodeClient> all = processes.stream().map(NodeProcess::client).toList();
    NodeClient observer = all.get(0);
    NodeProcess victim = processes.get(2);
    DevnetLoad load = new DevnetLoad(network.clientKeys(), observer, 0);

    while (load.committed() < 100) {
      load.submitOne(all);
      load.scanFinalBlocks(observer);
      Thread.sleep(5);
    }
    victim.kill();
    List<NodeClient> survivors = List.of(all.get(0), all.get(1), all.get(3));
    for (int i = 0; i < 100; i++) {
      load.submitOne(survivors);
      Thread.sleep(5);
    }
    await("the survivors to finalize the load", 30_000, () -> scan(load, observer) == 0);
    List<Hash> finalBeforeRestart = load.committedIds();
    long heightBeforeRestart = observer.status().finalizedHeight();

    NodeProcess restarted = new NodeProcess(configs.get(2), files.get(2));
    processes.set(2, restarted);
    restarted.start();
    restarted.awaitReady(60_000);
    await(
        "the restarted node to catch up",
        60_000,
        () -> restarted.client().status().finalizedHeight() >= heightBeforeRestart);

    assertThat(finalBeforeRestart).hasSizeGreaterThanOrEqualTo(200);
    for (Hash id : finalBeforeRestart) {
      Optional<TxStatus> status = restarted.client().transactionStatus(id);
      assertThat(status).as("status of %s on the restarted node", id).isPresent();
      assertThat(status.get().isFinal()).as("%s final on the restarted node", id).isTrue();
    }
    Set<String> blocksAtHeight = new HashSet<>();
    for (NodeProcess process : processes) {
      blocksAtHeight.add(
          process.client().block(heightBeforeRestart).orElseThrow().path("id").asText());
    }
    assertThat(blocksAtHeight)
        .as("every node holds the same block at " + heightBeforeRestart)
        .hasSize(1);
  }

  private static int scan(DevnetLoad load, NodeClient observer) {
    load.scanFinalBlocks(observer);
    return load.pendingCount();
  }
}
