package io.consensio.app;

import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.NodeClientException;
import io.consensio.runtime.config.NodeConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of a devnet running as its own OS process, with its log next to its config. Public for
 * the reliability tools (chaos and soak runs), which start, kill and pause such processes.
 */
public final class NodeProcess {
  private final NodeConfig config;
  private final Path configFile;
  private final NodeClient client;
  private Process process;

  public NodeProcess(NodeConfig config, Path configFile) {
    this.config = config;
    this.configFile = configFile;
    this.client =
        new NodeClient(
            URI.create(
                "http://" + config.api().listen().host() + ":" + config.api().listen().port()),
            java.time.Duration.ofSeconds(5));
  }

  public String id() {
    return config.node().id().value();
  }

  /** The base address of the node's HTTP API, e.g. {@code http://127.0.0.1:8080}. */
  public String apiBase() {
    return "http://" + config.api().listen().host() + ":" + config.api().listen().port();
  }

  public NodeClient client() {
    return client;
  }

  /** Starts {@code java -cp <this class path> ... node --config FILE}, logging to node.log. */
  public void start() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx1g");
    // what the consensio.jar manifest grants with Add-Opens: PoW's midstate hashing (see pow
    // README)
    command.add("--add-opens");
    command.add("java.base/sun.security.provider=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ConsensioCli.class.getName());
    command.add("node");
    command.add("--config");
    command.add(configFile.toString());
    File log = configFile.getParent().resolve("node.log").toFile();
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + id(), e);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until the node's API answers, or fails naming the node and its log. */
  public void awaitReady(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (!isAlive()) {
        throw new IllegalStateException(
            id() + " exited with code " + process.exitValue() + "; see " + logFile());
      }
      try {
        client.status();
        return;
      } catch (NodeClientException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(
        id() + " did not answer within " + timeoutMillis + " ms; see " + logFile());
  }

  public Path logFile() {
    return configFile.getParent().resolve("node.log");
  }

  /** SIGTERM, so the node closes cleanly; SIGKILL if it has not exited after ten seconds. */
  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** SIGKILL: what a crash test does. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
