package io.consensio.app.reliability;

/**
 * One key/value operation a chaos client invoked, with what it observed.
 *
 * @param client who invoked it
 * @param put true for a write of {@code value}, false for a read that returned {@code value} (null:
 *     the key was absent)
 * @param invokedNanos when the client invoked it ({@link System#nanoTime()})
 * @param completedNanos when the client saw its result, or {@link #NEVER} when it never did (the
 *     write may or may not have taken effect)
 */
public record KvOperation(
    int client, boolean put, String key, String value, long invokedNanos, long completedNanos) {
  public static final long NEVER = Long.MAX_VALUE;

  public boolean completed() {
    return completedNanos != NEVER;
  }

  @Override
  public String toString() {
    return "c"
        + client
        + " "
        + (put ? "put(" + key + "=" + value + ")" : "get(" + key + ")=" + value)
        + (completed() ? "" : " [no answer]");
  }
}
