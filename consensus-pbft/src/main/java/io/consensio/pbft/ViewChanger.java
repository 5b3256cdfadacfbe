package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.ViewChangeProtocol.Choice;
import io.consensio.pbft.ViewChangeProtocol.NewViewVerdict;
import io.consensio.pbft.ViewChangeProtocol.Selection;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.ViewChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
  private final BlockFetcher fetcher;
  private final Outbox outbox;
  private final ReplicaStore store;
  private final CheckpointSink checkpointSink;

  /**
   * Each replica's VIEW-CHANGE messages for the few highest views it asked for: the highest one
   * tells whether f+1 replicas moved beyond this one (§4.5.2), and a lower one may still complete
   * the 2f+1 for this replica's target when the sender moved on. Bounded per sender.
   */
  private final Map<NodeId, NavigableMap<Long, Signed<ViewChange>>> received = new TreeMap<>();

  private static final int RECEIVED_KEPT_PER_SENDER = 4;

  /**
   * This replica's own last VIEW-CHANGE for each of the few most recent views it asked for, kept
   * after it moved on to a higher view (see {@link #answerStale}).
   */
  private final NavigableMap<Long, Signed<ViewChange>> ownByView = new TreeMap<>();

  private static final int OWN_VIEW_CHANGES_KEPT = 4;

  /** When each peer was last answered by {@link #answerStale}: once per view-change timeout. */
  private final Map<NodeId, Long> lastAnsweredMillis = new TreeMap<>();

  private Cancellable timer;
  private long quorumSeenFor = -1;
  private Cancellable retransmit;
  private Signed<NewView> lastNewViewSent;
  private int successiveViewChanges;
  private long newViewSentFor = -1;
  private boolean newViewWaitsForState;
  private boolean newViewWaitsForBodies;

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
      BlockFetcher fetcher,
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
    this.fetcher = fetcher;
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
    newViewWaitsForBodies = false;
    successiveViewChanges++;
    normal.onViewChangeStarted();
    context.metrics().increment("pbft.view_changes.started");
    resume();
  }

  /**
   * Sends this replica's VIEW-CHANGE for its current target view; also how a replica restarted in
   * the middle of a view change picks it up again, with the VIEW-CHANGE messages it kept for
   * earlier views (see {@link #answerStale}).
   */
  void resume() {
    quorumSeenFor = -1;
    if (ownByView.isEmpty()) {
      store.ownViewChanges().forEach(vc -> ownByView.put(vc.message().newView(), vc));
    }
    resend();
  }

  private void armTimer() {
    cancelTimer();
    long timeout =
        config.viewChangeTimeoutMillis() << Math.min(Math.max(successiveViewChanges - 1, 0), 20);
    long target = state.view;
    timer = context.scheduler().schedule(timeout, () -> onTimeout(target));
  }

  /**
   * Multicasts this replica's VIEW-CHANGE for the view it is moving to, and again every
   * viewChangeTimeout until a NEW-VIEW is installed: messages may be lost, and the paper's liveness
   * argument assumes they are eventually delivered (retransmission, TOCS'02 §5.2).
   */
  void resend() {
    Signed<ViewChange> own = outbox.sign(protocol.build(state.view, checkpoints.stable(), log));
    outbox.broadcast(own);
    if (!ownByView.containsKey(state.view)) {
      // Kept across restarts: a replica that crashed after moving on may be the only one that can
      // complete the 2f+1 VIEW-CHANGE messages of the view it left.
      store.saveOwnViewChange(own);
      store.sync();
    }
    ownByView.put(state.view, own);
    while (ownByView.size() > OWN_VIEW_CHANGES_KEPT) {
      store.deleteOwnViewChange(ownByView.pollFirstEntry().getKey());
    }
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
      answerStale(signed);
      return Optional.of("stale-view");
    }
    Optional<String> invalid = protocol.validate(vc);
    if (invalid.isPresent()) {
      return invalid;
    }
    record(signed);
    return Optional.empty();
  }

  /**
   * A replica still retransmitting its VIEW-CHANGE for a view this one has left may be waiting for
   * exactly the VIEW-CHANGE this replica sent for that view and lost on the way: this replica moved
   * on after collecting 2f+1 of them, but the new primary may never have received its own. The
   * paper's liveness argument assumes such messages are retransmitted until delivered (TOCS'02
   * §5.2), so this replica sends its kept VIEW-CHANGE for that view again, to the asker and to that
   * view's primary. It is the very message it already sent, so resending it commits to nothing new.
   */
  private void answerStale(Signed<ViewChange> stale) {
    long view = stale.message().newView();
    Signed<ViewChange> own = ownByView.get(view);
    if (own == null || stale.sender().equals(context.self())) {
      return;
    }
    // The asker retransmits once per view-change timeout, so answering more often only adds
    // traffic — and two replicas past the view would otherwise answer each other forever.
    long now = context.scheduler().nowMillis();
    Long last = lastAnsweredMillis.get(stale.sender());
    if (last != null && now - last < config.viewChangeTimeoutMillis()) {
      return;
    }
    lastAnsweredMillis.put(stale.sender(), now);
    outbox.send(stale.sender(), own);
    NodeId primary = quorum.primary(view);
    if (!primary.equals(stale.sender()) && !primary.equals(context.self())) {
      outbox.send(primary, own);
    }
    context.metrics().increment("pbft.view_changes.resent_for_stale");
  }

  private void record(Signed<ViewChange> signed) {
    NavigableMap<Long, Signed<ViewChange>> bySender =
        received.computeIfAbsent(signed.sender(), s -> new TreeMap<>());
    bySender.put(signed.message().newView(), signed);
    while (bySender.size() > RECEIVED_KEPT_PER_SENDER) {
      bySender.pollFirstEntry();
    }
    joinIfOthersMovedOn();
    if (!state.active) {
      List<Signed<ViewChange>> forTarget = forView(state.view);
      if (forTarget.size() >= quorum.quorum()) {
        if (quorumSeenFor != state.view) {
          // §4.5.2: the timer runs from the moment 2f+1 VIEW-CHANGE messages are in.
          quorumSeenFor = state.view;
          armTimer();
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
    for (NavigableMap<Long, Signed<ViewChange>> bySender : received.values()) {
      Signed<ViewChange> vc = bySender.lastEntry().getValue();
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

  /**
   * Retries building the NEW-VIEW once state transfer brought this primary up to min-s, or the
   * bodies it waited for arrived.
   */
  void onExecuted() {
    if ((newViewWaitsForState || newViewWaitsForBodies) && !state.active) {
      List<Signed<ViewChange>> forTarget = forView(state.view);
      if (forTarget.size() >= quorum.quorum()) {
        buildNewView(forTarget);
      }
    }
  }

  private List<Signed<ViewChange>> forView(long view) {
    List<Signed<ViewChange>> found = new ArrayList<>();
    for (NavigableMap<Long, Signed<ViewChange>> bySender : received.values()) {
      Signed<ViewChange> vc = bySender.get(view);
      if (vc != null) {
        found.add(vc);
      }
    }
    return found;
  }

  /**
   * The new primary's part of §4.4: choose V, compute O, multicast NEW-VIEW and install it. The
   * VIEW-CHANGEs carry headers only, so the new primary first fetches the bodies of the prepared
   * blocks it may re-propose and lacks: it imports them (a null block after one is built on its
   * state), and it never proposes past max-s on a block it does not hold.
   */
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
    boolean missing = false;
    for (PreparedProof cert : selection.certs().values()) {
      missing |= !fetcher.want(cert.seq(), cert.digest());
    }
    if (missing) {
      newViewWaitsForBodies = true;
      return;
    }
    newViewWaitsForBodies = false;
    Optional<List<Choice>> choices =
        protocol.choose(
            selection, (seq, parent) -> buildNullBlock(seq, parent, selection).map(Block::header));
    if (choices.isEmpty()) {
      context.metrics().increment("pbft.new_view.build_failed");
      return;
    }
    List<BlockHeader> o = new ArrayList<>();
    for (Choice c : choices.get()) {
      importWithAncestors(c.seq(), c.header().id(), selection);
      o.add(c.header());
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
    if (cert != null && cert.digest().equals(id)) {
      Optional<Block> block = fetcher.body(seq, id);
      if (block.isPresent()) {
        importWithAncestors(seq - 1, cert.header().parent(), selection);
        context.chain().importBlock(block.get());
      }
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
    newViewWaitsForBodies = false;
    for (NavigableMap<Long, Signed<ViewChange>> bySender : received.values()) {
      bySender.headMap(nv.view(), true).clear();
    }
    received.values().removeIf(Map::isEmpty);
    checkpointSink.adopt(selection.checkpoint());
    if (state.lastExecuted < selection.minS()) {
      stateTransfer.catchUpTo(selection.minS(), signers(selection.checkpoint()));
    }
    List<BlockHeader> o = nv.proposals();
    Hash maxSBlock = o.isEmpty() ? selection.checkpoint().blockId() : o.get(o.size() - 1).id();
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
