package dev.tempered.noise.curriculum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One job's held-out scores per policy version, as the reward service reports them: the input of
 * the adaptive curriculum. Each prompt counts once per version, however often it is redelivered.
 * Written by a listener thread, read by the publisher thread.
 */
public final class EvaluationHistory {

  /** The mean clean and noisy score of every held-out prompt under one policy version. */
  public record Evaluated(long policyVersion, double cleanMean, double noisyMean) {}

  private static final class Tally {
    private final Set<String> prompts = new HashSet<>();
    private double clean;
    private double noisy;
  }

  private final Map<Long, Tally> byVersion = new TreeMap<>();

  /**
   * Counts one prompt's scores under {@code policyVersion}; a repeat of the same prompt and
   * version, or a score that is not a finite number, is ignored.
   */
  public synchronized void add(long policyVersion, String promptId, double clean, double noisy) {
    if (!Double.isFinite(clean) || !Double.isFinite(noisy)) {
      return;
    }
    Tally tally = byVersion.computeIfAbsent(policyVersion, v -> new Tally());
    if (tally.prompts.add(promptId)) {
      tally.clean += clean;
      tally.noisy += noisy;
    }
  }

  /** The versions with all {@code heldOut} prompts scored, oldest first. */
  public synchronized List<Evaluated> complete(int heldOut) {
    List<Evaluated> out = new ArrayList<>();
    byVersion.forEach(
        (version, t) -> {
          if (t.prompts.size() >= heldOut && heldOut > 0) {
            out.add(new Evaluated(version, t.clean / t.prompts.size(), t.noisy / t.prompts.size()));
          }
        });
    return out;
  }
}
