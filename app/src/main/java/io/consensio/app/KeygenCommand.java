package io.consensio.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code consensio keygen}: keys, genesis and a ready config for each node of a local network. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a local network: genesis.json, node-NN/{node.key,config.yaml} on free loopback",
      "ports, and funded client keys in clients/. Start a node with: consensio node --config",
      "DIR/node-00/config.yaml"
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--consensus", required = true, description = "consensus.type of the network")
  String consensus;

  @Option(
      names = "--nodes",
      defaultValue = "4",
      description = "number of nodes (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(
      names = "--clients",
      defaultValue = "8",
      description = "funded client accounts (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--out",
      required = true,
      description = "directory to write (must not hold a network)")
  Path out;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address nodes listen on")
  String host;

  @Override
  public Integer call() {
    ConsensioCli.registry().find(consensus);
    LocalNetwork network = LocalNetwork.generate(out, consensus, nodes, clients, host);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote a %d-node %s network to %s%nstart each node with: ./consensio node --config %s%n",
            nodes, consensus, network.dir(), network.nodeDir(0).resolve("config.yaml"));
    return 0;
  }
}
