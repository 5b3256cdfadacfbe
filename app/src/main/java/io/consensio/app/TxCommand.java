package io.consensio.app;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.SubmitResult;
import io.consensio.runtime.client.TxStatus;
import io.consensio.runtime.config.KeyFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code consensio tx}: sign and submit a transaction, or look one up, through a node's API. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = "Signs and submits transactions, and reports their status.",
    subcommands = {TxCommand.Send.class, TxCommand.Status.class})
final class TxCommand {
  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = "Sign and submit a transaction.")
  static final class Send implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--node",
        required = true,
        description = "the node's API, e.g. http://127.0.0.1:8080")
    URI node;

    @Option(names = "--key", required = true, description = "the sender's key file")
    Path key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
      @ArgGroup(exclusive = false)
      Transfer transfer;

      @Option(names = "--put", description = "write KEY=VALUE in the sender's key/value space")
      String put;
    }

    static final class Transfer {
      @Option(names = "--to", required = true, description = "recipient public key (64 hex)")
      String to;

      @Option(names = "--amount", required = true, description = "amount to transfer")
      long amount;
    }

    @Option(
        names = "--fee",
        defaultValue = "1",
        description = "fee offered (default ${DEFAULT-VALUE})")
    long fee;

    @Option(names = "--nonce", description = "nonce to use (default: the account's next nonce)")
    Long nonce;

    @Option(names = "--wait", description = "wait until the transaction is final")
    boolean waitForFinal;

    @Override
    public Integer call() throws InterruptedException {
      Ed25519KeyPair sender = KeyFile.read(key);
      NodeClient client = new NodeClient(node);
      long useNonce = nonce != null ? nonce : client.account(sender.publicKey()).nonce();
      TxPayload payload;
      if (action.put != null) {
        int eq = action.put.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--put takes KEY=VALUE, got '" + action.put + "'");
        }
        payload =
            new TxPayload.KvPut(
                action.put.substring(0, eq).getBytes(StandardCharsets.UTF_8),
                action.put.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
      } else {
        payload =
            new TxPayload.Transfer(PublicKey.fromHex(action.transfer.to), action.transfer.amount);
      }
      Transaction tx = Transaction.sign(sender, useNonce, fee, payload);
      SubmitResult result = client.submit(tx);
      if (!result.admitted()) {
        spec.commandLine().getErr().println("refused: " + result.reason());
        return 1;
      }
      spec.commandLine().getOut().println(tx.id().toHex() + " pending");
      if (waitForFinal) {
        for (int i = 0; i < 600; i++) {
          Optional<TxStatus> status = client.transactionStatus(tx.id());
          if (status.isPresent() && status.get().isFinal()) {
            spec.commandLine()
                .getOut()
                .println(tx.id().toHex() + " final at height " + status.get().height().getAsLong());
            return 0;
          }
          Thread.sleep(100);
        }
        spec.commandLine().getErr().println("not final after 60 s");
        return 1;
      }
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show a transaction's status.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--node",
        required = true,
        description = "the node's API, e.g. http://127.0.0.1:8080")
    URI node;

    @Parameters(index = "0", description = "transaction id (64 hex)")
    String id;

    @Override
    public Integer call() {
      Optional<TxStatus> status = new NodeClient(node).transactionStatus(Hash.fromHex(id));
      if (status.isEmpty()) {
        spec.commandLine().getErr().println("unknown transaction " + id);
        return 1;
      }
      TxStatus s = status.get();
      spec.commandLine()
          .getOut()
          .printf(
              "%s %s%s%n",
              id,
              s.state().name().toLowerCase(),
              s.height().isPresent()
                  ? " at height "
                      + s.height().getAsLong()
                      + ", "
                      + s.confirmations()
                      + " confirmations"
                  : "");
      return 0;
    }
  }
}
