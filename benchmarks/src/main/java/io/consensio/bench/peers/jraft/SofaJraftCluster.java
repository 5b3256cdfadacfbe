package io.consensio.bench.peers.jraft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import io.consensio.bench.cluster.CommitTarget;
import io.consensio.bench.peers.PeerCluster;
import io.consensio.runtime.config.FreePorts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SOFAJRaft group of {@code n} nodes in this JVM, each with its own RPC server (Bolt over
 * loopback) and its RocksDB log in its own directory, fsync on ({@code RaftOptions.sync}, the
 * default), no snapshots. Entries are applied at the leader with {@link Node#apply}; an entry is
 * committed when its closure runs, i.e. after a quorum stored it and the leader applied it.
 */
public final class SofaJraftCluster implements PeerCluster {
  private static final String GROUP = "consensio-bench";
  private static final String HOST = "127.0.0.1";

  /** The jraft-core version in benchmarks/pom.xml (its jar manifest carries none). */
  static final String VERSION = "1.3.14";

  private final int n;
  private final Path dir;
  private final int maxInflightAppends;
  private final List<RaftGroupService> services = new ArrayList<>();
  private final List<AppliedBytesStateMachine> machines = new ArrayList<>();
  private volatile Node leader;

  /**
   * @param maxInflightAppends AppendEntries pipelined per follower (SOFAJRaft's {@code
   *     maxReplicatorInflightMsgs}), set to Consensio Raft's {@code maxInflightAppends}
   */
  public SofaJraftCluster(int n, Path dir, int maxInflightAppends) {
    this.n = n;
    this.dir = dir;
    this.maxInflightAppends = maxInflightAppends;
  }

  @Override
  public String name() {
    return "SOFAJRaft " + SofaJraftCluster.VERSION;
  }

  @Override
  public void start() throws IOException, InterruptedException {
    List<PeerId> peers = new ArrayList<>();
    for (int port : FreePorts.pickDistinct(HOST, n)) {
      peers.add(new PeerId(HOST, port));
    }
    Configuration conf = new Configuration(peers);
    for (int i = 0; i < n; i++) {
      Path home = dir.resolve("jraft-" + i);
      // SOFAJRaft's RocksDB log creates its own directory but not the parents
      Files.createDirectories(home);
      AppliedBytesStateMachine machine = new AppliedBytesStateMachine();
      RaftOptions raft = new RaftOptions();
      raft.setSync(true);
      raft.setMaxReplicatorInflightMsgs(maxInflightAppends);
      NodeOptions options = new NodeOptions();
      options.setElectionTimeoutMs(1_000);
      options.setInitialConf(conf.copy());
      options.setFsm(machine);
      options.setLogUri(home.resolve("log").toString());
      options.setRaftMetaUri(home.resolve("meta").toString());
      options.setRaftOptions(raft);
      options.setDisableCli(true);
      RaftGroupService service = new RaftGroupService(GROUP, peers.get(i), options);
      service.start();
      services.add(service);
      machines.add(machine);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (leader == null) {
      for (RaftGroupService service : services) {
        if (service.getRaftNode().isLeader()) {
          leader = service.getRaftNode();
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("SOFAJRaft elected no leader within 30 s");
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void submit(byte[] entry, int index, CommitTarget.Outcomes outcomes) {
    leader.apply(
        new Task(
            ByteBuffer.wrap(entry),
            status -> {
              if (status.isOk()) {
                outcomes.committed(index);
              } else {
                outcomes.failed(index, status.toString());
              }
            }));
  }

  @Override
  public long appliedBytes(int replica) {
    return machines.get(replica).appliedBytes();
  }

  @Override
  public int replicas() {
    return n;
  }

  @Override
  public void close() {
    for (RaftGroupService service : services) {
      service.shutdown();
    }
    for (RaftGroupService service : services) {
      try {
        service.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
