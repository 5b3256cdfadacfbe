package io.consensio.app;

import io.consensio.runtime.config.ConfigLoader;
import io.consensio.runtime.config.NodeConfig;
import io.consensio.runtime.node.ConsensioNode;
import io.consensio.runtime.node.PluginLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code consensio node}: runs one node until it is told to stop (SIGTERM or Ctrl-C). */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one node from its config file. Jars in a plugins/ directory next to the config file",
      "are searched for consensus modules, so a user's module is selected by its consensus.type."
    })
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, description = "the node's YAML config file")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    NodeConfig nodeConfig = ConfigLoader.load(config);
    Path plugins = config.toAbsolutePath().getParent().resolve("plugins");
    ConsensioNode node = ConsensioNode.start(nodeConfig, PluginLoader.registry(plugins));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "consensio-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "node %s up: consensus %s, peers on port %d, API http://%s:%d%n",
            nodeConfig.node().id(),
            nodeConfig.consensus().type(),
            node.peerPort(),
            nodeConfig.api().listen().host(),
            node.apiPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
