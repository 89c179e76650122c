package dev.tempered.api.message;

import java.util.List;

/**
 * The candidates the sampler generated for one prompt with one policy version. Published on {@code
 * candidates}. For {@link Split#EVAL} prompts it holds one greedy answer to the noisy and one to
 * the clean prompt.
 *
 * @param promptTokenIds the tokenised noisy prompt (BOS first) that every candidate continues
 */
public record CandidateGroup(
    Envelope envelope,
    String jobId,
    String promptId,
    Split split,
    String group,
    String cleanText,
    String noisyText,
    String reference,
    double curriculumLevel,
    long policyVersion,
    float temperature,
    List<Integer> promptTokenIds,
    List<Candidate> candidates) {}
