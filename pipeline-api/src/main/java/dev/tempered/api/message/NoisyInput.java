package dev.tempered.api.message;

import java.util.List;

/**
 * A prompt after noise: the clean text, the noisy text, exactly what changed, and the reference
 * continuation that rewards compare against. Published on {@code noisy-inputs}.
 *
 * @param sequence position of this prompt in the job's stream (0-based, per split)
 * @param group the data group (noise kind) used for group-robust weighting and reports
 * @param curriculumLevel the noise strength in [0,1] the curriculum asked for
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
    double curriculumLevel) {}
