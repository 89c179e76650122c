package dev.tempered.api.message;

import java.util.List;

/**
 * One sampled completion with the behaviour policy's per-token log-probabilities (under the
 * temperature-scaled distribution that sampling used).
 *
 * @param variant which prompt it answers: {@code noisy} for training, {@code clean} or {@code
 *     noisy} for evaluation
 * @param finishReason {@code stop} when a stop token ended it (the stop token is included), {@code
 *     length} when max new tokens ran out
 */
public record Candidate(
    String variant,
    String text,
    List<Integer> tokenIds,
    List<Float> logprobs,
    String finishReason) {

  public static final String NOISY = "noisy";
  public static final String CLEAN = "clean";
  public static final String FINISH_STOP = "stop";
  public static final String FINISH_LENGTH = "length";
}
