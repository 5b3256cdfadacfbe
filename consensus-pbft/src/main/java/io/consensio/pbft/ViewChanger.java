package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.ViewChangeProtocol.Choice;
import io.consensio.pbft.ViewChangeProtocol.NewViewVerdict;
import io.consensio.pbft.ViewChangeProtocol.Selection;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.ViewChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs view changes (OSDI'99 §4.4, liveness rules of §4.5.2): starts one when the request timer
 * expires, collects VIEW-CHANGE messages, joins a view change that f+1 replicas started, waits for
 * NEW-VIEW with a timer that doubles for each successive view change without progress, builds the
 * NEW-VIEW when this replica is the new primary, and installs a valid NEW-VIEW. The protocol rules
 * themselves are in {@link ViewChangeProtocol}. Not thread-safe.
 */
final class ViewChanger {
  /** Callback for a stable checkpoint adopted from a NEW-VIEW. */
  interface CheckpointSink {
    void adopt(StableCheckpoint checkpoint);
  }

  private final ConsensusContext context;
  private final PbftConfig config;
  private final Quorum quorum;
  private final ReplicaState state;
  private final MessageLog log;
  private final Checkpoints checkpoints;
  private final ViewChangeProtocol protocol;
  private final NormalCase normal;
  private final StateTransfer stateTransfer;
  private final Outbox outbox;
  private final ReplicaStore store;
  private final CheckpointSink checkpointSink;

  /**
   * Each replica's VIEW-CHANGE for the highest view it asked for (one per sender bounds memory).
   */
  private final Map<NodeId, Signed<ViewChange>> latest = new TreeMap<>();

  private Cancellable timer;
  private Cancellable retransmit;
  private Signed<NewView> lastNewViewSent;
  private int successiveViewChanges;
  private long newViewSentFor = -1;
  private boolean newViewWaitsForState;

  ViewChanger(
      ConsensusContext context,
      PbftConfig config,
      Quorum quorum,
      ReplicaState state,
      MessageLog log,
      Checkpoints checkpoints,
      ViewChangeProtocol protocol,
      NormalCase normal,
      StateTransfer stateTransfer,
      Outbox outbox,
      ReplicaStore store,
      CheckpointSink checkpointSink) {
    this.context = context;
    this.config = config;
    this.quorum = quorum;
    this.state = state;
    this.log = log;
    this.checkpoints = checkpoints;
    this.protocol = protocol;
    this.normal = normal;
    this.stateTransfer = stateTransfer;
    this.outbox = outbox;
    this.store = store;
    this.checkpointSink = checkpointSink;
  }

  /** Progress in the current view: timeouts return to their base value (§4.5.2). */
  void onProgress() {
    if (state.active) {
      successiveViewChanges = 0;
    }
  }

  /** Moves to view {@code newView} and multicasts VIEW-CHANGE; the replica stops normal work. */
  void start(long newView) {
    if (newView <= state.view) {
      return;
    }
    state.view = newView;
    state.active = false;
    store.saveView(state.view, false);
    store.sync();
    cancelTimer();
    newViewWaitsForState = false;
    successiveViewChanges++;
    normal.onViewChangeStarted();
    context.metrics().increment("pbft.view_changes.started");
    resend();
  }

  /**
   * Multicasts this replica's VIEW-CHANGE for the view it is moving to, and again every
   * viewChangeTimeout until a NEW-VIEW is installed: messages may be lost, and the paper's liveness
   * argument assumes they are eventually delivered (retransmission, TOCS'02 §5.2).
   */
  void resend() {
    Signed<ViewChange> own = outbox.sign(protocol.build(state.view, checkpoints.stable(), log));
    outbox.broadcast(own);
    record(own);
    if (retransmit != null) {
      retransmit.cancel();
    }
    long target = state.view;
    retransmit =
        context
            .scheduler()
            .schedule(
                config.viewChangeTimeoutMillis(),
                () -> {
                  retransmit = null;
                  if (!state.active && state.view == target) {
                    resend();
                  }
                });
  }

  /** Handles a signature-checked VIEW-CHANGE; returns the reason it was dropped, if it was. */
  Optional<String> onViewChange(Signed<ViewChange> signed) {
    ViewChange vc = signed.message();
    if (vc.newView() == state.view
        && state.active
        && lastNewViewSent != null
        && lastNewViewSent.message().view() == state.view) {
      // The sender missed this view's NEW-VIEW: send it again rather than leave it behind.
      outbox.send(signed.sender(), lastNewViewSent);
      return Optional.empty();
    }
    if (vc.newView() < state.view || (vc.newView() == state.view && state.active)) {
      return Optional.of("stale-view");
    }
    Optional<String> invalid = protocol.validate(vc);
    if (invalid.isPresent()) {
      return invalid;
    }
    record(signed);
    return Optional.empty();
  }

  private void record(Signed<ViewChange> signed) {
    Signed<ViewChange> held = latest.get(signed.sender());
    if (held == null || held.message().newView() < signed.message().newView()) {
      latest.put(signed.sender(), signed);
    }
    joinIfOthersMovedOn();
    if (!state.active) {
      List<Signed<ViewChange>> forTarget = forView(state.view);
      if (forTarget.size() >= quorum.quorum()) {
        if (timer == null) {
          long timeout =
              config.viewChangeTimeoutMillis()
                  << Math.min(Math.max(successiveViewChanges - 1, 0), 20);
          long target = state.view;
          timer = context.scheduler().schedule(timeout, () -> onTimeout(target));
        }
        if (quorum.primary(state.view).equals(context.self())) {
          buildNewView(forTarget);
        }
      }
    }
  }

  /**
   * §4.5.2: a replica that sees VIEW-CHANGE messages from f+1 others for views above its own joins
   * the smallest view that f+1 of them reached, without waiting for its timer.
   */
  private void joinIfOthersMovedOn() {
    List<Long> higher = new ArrayList<>();
    for (Signed<ViewChange> vc : latest.values()) {
      if (!vc.sender().equals(context.self()) && vc.message().newView() > state.view) {
        higher.add(vc.message().newView());
      }
    }
    if (higher.size() >= quorum.weak()) {
      higher.sort(Comparator.reverseOrder());
      start(higher.get(quorum.weak() - 1));
    }
  }

  private void onTimeout(long target) {
    timer = null;
    if (!state.active && state.view == target) {
      context.metrics().increment("pbft.view_changes.timed_out");
      start(target + 1);
    }
  }

  /** Retries building the NEW-VIEW once state transfer brought this primary up to min-s. */
  void onExecuted() {
    if (newViewWaitsForState && !state.active) {
      List<Signed<ViewChange>> forTarget = forView(state.view);
      if (forTarget.size() >= quorum.quorum()) {
        buildNewView(forTarget);
      }
    }
  }

  private List<Signed<ViewChange>> forView(long view) {
    return latest.values().stream().filter(vc -> vc.message().newView() == view).toList();
  }

  /** The new primary's part of §4.4: choose V, compute O, multicast NEW-VIEW and install it. */
  private void buildNewView(List<Signed<ViewChange>> candidates) {
    if (newViewSentFor == state.view) {
      return;
    }
    List<Signed<ViewChange>> v = candidates.subList(0, quorum.quorum());
    Selection selection = protocol.select(v);
    if (state.lastExecuted < selection.minS()) {
      newViewWaitsForState = true;
      stateTransfer.catchUpTo(selection.minS(), signers(selection.checkpoint()));
      return;
    }
    newViewWaitsForState = false;
    Optional<List<Choice>> choices =
        protocol.choose(selection, (seq, parent) -> buildNullBlock(seq, parent, selection));
    if (choices.isEmpty()) {
      context.metrics().increment("pbft.new_view.build_failed");
      return;
    }
    List<Signed<PrePrepare>> o = new ArrayList<>();
    for (Choice c : choices.get()) {
      importWithAncestors(c.seq(), c.block().id(), selection);
      o.add(outbox.sign(new PrePrepare(state.view, c.seq(), c.block().id(), c.block())));
    }
    Signed<NewView> nv = outbox.sign(new NewView(state.view, v, o));
    newViewSentFor = state.view;
    lastNewViewSent = nv;
    outbox.broadcast(nv);
    install(nv.message(), selection);
  }

  private Optional<Block> buildNullBlock(long seq, Hash parentId, Selection selection) {
    importWithAncestors(seq - 1, parentId, selection);
    Optional<Block> parent = context.chain().block(parentId);
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    Block block =
        context
            .chain()
            .buildBlock(
                parentId,
                List.of(),
                parent.get().header().timestampMillis() + 1,
                context.signer().publicKey());
    context.chain().importBlock(block);
    return Optional.of(block);
  }

  /** Imports a re-proposed block (and re-proposed ancestors) so the next block can build on it. */
  private void importWithAncestors(long seq, Hash id, Selection selection) {
    if (seq <= selection.minS() || context.chain().contains(id)) {
      return;
    }
    PreparedProof cert = selection.certs().get(seq);
    if (cert != null && cert.prePrepare().message().digest().equals(id)) {
      Block block = cert.prePrepare().message().block();
      importWithAncestors(seq - 1, block.parent(), selection);
      context.chain().importBlock(block);
    }
  }

  /** Handles a signature-checked NEW-VIEW from the claimed primary; returns a drop reason. */
  Optional<String> onNewView(Signed<NewView> signed) {
    NewView nv = signed.message();
    if (!signed.sender().equals(quorum.primary(nv.view()))) {
      return Optional.of("new-view-not-from-primary");
    }
    if (nv.view() < state.view || (nv.view() == state.view && state.active) || nv.view() == 0) {
      return Optional.of("stale-view");
    }
    NewViewVerdict verdict = protocol.check(nv);
    if (!verdict.valid()) {
      return Optional.of(verdict.reason());
    }
    install(nv, verdict.selection());
    return Optional.empty();
  }

  private void install(NewView nv, Selection selection) {
    state.view = nv.view();
    state.active = true;
    store.saveView(state.view, true);
    store.sync();
    cancelTimer();
    newViewWaitsForState = false;
    latest.values().removeIf(vc -> vc.message().newView() <= nv.view());
    checkpointSink.adopt(selection.checkpoint());
    if (state.lastExecuted < selection.minS()) {
      stateTransfer.catchUpTo(selection.minS(), signers(selection.checkpoint()));
    }
    List<Signed<PrePrepare>> o = nv.prePrepares();
    Hash maxSBlock =
        o.isEmpty() ? selection.checkpoint().blockId() : o.get(o.size() - 1).message().digest();
    normal.onNewView(o, selection.maxS(), maxSBlock);
    context.metrics().increment("pbft.view_changes.installed");
  }

  private static List<NodeId> signers(StableCheckpoint checkpoint) {
    return checkpoint.proof().stream().map(Signed::sender).toList();
  }

  void stop() {
    cancelTimer();
    if (retransmit != null) {
      retransmit.cancel();
      retransmit = null;
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
