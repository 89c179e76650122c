package dev.tempered.api.message;

import java.util.List;

/**
 * A prompt after noise: the clean text, the noisy text, exactly what changed, and the reference
 * continuation that rewards compare against. Published on {@code noisy-inputs}.
 *
 * @param sequence position of this prompt in the job's stream (0-based, per split)
 * @param group the data group (noise kind) used for group-robust weighting and reports
 * @param curriculumLevel the noise strength in [0,1] the noisy text was made at: the curriculum's
 *     for TRAIN and for the held-out prompts, or, for a held-out copy with {@code strengthSweep},
 *     one of the job's {@code noise.evaluationStrengths}
 * @param strengthSweep true for a copy of a held-out prompt noised at one of the job's {@code
 *     noise.evaluationStrengths} instead of the curriculum's held-out strength; null (false)
 *     otherwise and in records from before this field existed
 */
public record NoisyInput(
    Envelope envelope,
    String jobId,
    String promptId,
    Split split,
    long sequence,
    String group,
    String cleanText,
    String noisyText,
    List<NoiseOp> ops,
    String reference,
    double curriculumLevel,
    Boolean strengthSweep) {

  /** A prompt at the curriculum's strength. */
  public NoisyInput(
      Envelope envelope,
      String jobId,
      String promptId,
      Split split,
      long sequence,
      String group,
      String cleanText,
      String noisyText,
      List<NoiseOp> ops,
      String reference,
      double curriculumLevel) {
    this(
        envelope,
        jobId,
        promptId,
        split,
        sequence,
        group,
        cleanText,
        noisyText,
        ops,
        reference,
        curriculumLevel,
        null);
  }

  /** Whether this is a held-out copy at one of the job's evaluation strengths. */
  public boolean inStrengthSweep() {
    return Boolean.TRUE.equals(strengthSweep);
  }
}
