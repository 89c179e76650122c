package dev.tempered.api.job;

/**
 * One noise operator in a job's mixture.
 *
 * @param kind the operator, e.g. {@code misspelling} or {@code word-dropout}
 * @param weight relative probability that a prompt gets this operator
 * @param group data-group label carried with every sample this operator produced
 * @param window {@code word-shuffle} and {@code token-shuffle} only: the furthest an item moves at
 *     full strength (null: 3)
 */
public record NoiseOperatorSpec(String kind, double weight, String group, Integer window) {

  public static final int DEFAULT_WINDOW = 3;

  /** An operator with its default settings. */
  public NoiseOperatorSpec(String kind, double weight, String group) {
    this(kind, weight, group, null);
  }

  public int windowOrDefault() {
    return window == null ? DEFAULT_WINDOW : window;
  }
}
