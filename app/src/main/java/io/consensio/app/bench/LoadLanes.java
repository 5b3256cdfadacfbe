package io.consensio.app.bench;

import io.consensio.runtime.client.NodeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link ClientLoad} from one thread per lane until a deadline, in the background: open
 * loop sends {@code rate / lanes} transactions per second per lane whatever the cluster does;
 * closed loop sends whenever fewer than {@code window} transactions are outstanding (so the window
 * may be exceeded by at most lanes - 1). Several lanes let HTTP round trips overlap, so one round
 * trip does not cap the offered load.
 */
public final class LoadLanes {
  private final ExecutorService threads;
  private final List<Future<?>> running = new ArrayList<>();

  private LoadLanes(int lanes) {
    this.threads =
        Executors.newFixedThreadPool(
            lanes,
            r -> {
              Thread t = new Thread(r, "load-lane");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts open-loop lanes offering {@code rate} transactions per second until {@code endMillis}.
   */
  public static LoadLanes open(
      ClientLoad load, List<NodeClient> nodes, double rate, long endMillis) {
    return start(load, nodes, endMillis, rate, 0);
  }

  /** Starts closed-loop lanes keeping {@code window} transactions outstanding until {@code end}. */
  public static LoadLanes closed(
      ClientLoad load, List<NodeClient> nodes, int window, long endMillis) {
    return start(load, nodes, endMillis, 0, window);
  }

  private static LoadLanes start(
      ClientLoad load, List<NodeClient> nodes, long endMillis, double rate, int window) {
    LoadLanes lanes = new LoadLanes(load.lanes());
    long start = System.currentTimeMillis();
    for (int lane = 0; lane < load.lanes(); lane++) {
      int l = lane;
      lanes.running.add(
          lanes.threads.submit(
              () -> drive(load, nodes, l, start, endMillis, rate / load.lanes(), window)));
    }
    lanes.threads.shutdown();
    return lanes;
  }

  private static Void drive(
      ClientLoad load,
      List<NodeClient> nodes,
      int lane,
      long start,
      long end,
      double laneRate,
      int window)
      throws InterruptedException {
    long sent = 0;
    while (System.currentTimeMillis() < end) {
      if (window == 0) {
        long due = (long) (laneRate * (System.currentTimeMillis() - start) / 1000.0);
        while (sent < due && System.currentTimeMillis() < end) {
          load.submitOne(nodes, lane);
          sent++;
        }
      } else {
        while (load.pendingCount() < window && System.currentTimeMillis() < end) {
          load.submitOne(nodes, lane);
        }
      }
      Thread.sleep(2);
    }
    return null;
  }

  /** Waits up to {@code millis} for every lane to pass its deadline; true when they all have. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    return threads.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }

  /** Waits for the lanes to end and rethrows the first lane's failure, if one failed. */
  public void join() throws InterruptedException {
    while (!awaitEnd(1_000)) {
      // keep waiting: every lane stops at its deadline
    }
    for (Future<?> lane : running) {
      try {
        lane.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a load lane failed: " + e.getCause(), e.getCause());
      }
    }
  }
}
