package dev.tempered.sampler.generation;

import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.sampler.policy.Policy;
import dev.tempered.sampler.policy.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples {@code candidates} continuations of each TRAIN prompt, all prompts of a job in one
 * batched generate call (prompts x candidates rows), so the model runs one wide batch instead of
 * many narrow ones.
 */
public final class TrainSampler {

  private final BatchGenerator generator;

  public TrainSampler(BatchGenerator generator) {
    this.generator = generator;
  }

  /** One candidate group per input, in input order, sampled with the policy's current version. */
  public List<CandidateGroup> sample(
      Policy policy, SamplingSpec sampling, long jobSeed, List<NoisyInput> inputs) {
    return sample(policy, sampling, jobSeed, inputs, false);
  }

  /**
   * As {@link #sample(Policy, SamplingSpec, long, List)}; with {@code cleanAnswers} each group also
   * carries the policy's greedy answer to the clean prompt (one more batched greedy call, rows =
   * prompts), which the {@code consistency} reward component compares every candidate with.
   */
  public List<CandidateGroup> sample(
      Policy policy,
      SamplingSpec sampling,
      long jobSeed,
      List<NoisyInput> inputs,
      boolean cleanAnswers) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    int n = sampling.candidates();
    if (n < 1) {
      throw new IllegalArgumentException(
          "job " + policy.jobId() + ": sampling.candidates must be >= 1, got " + n);
    }
    int context = policy.model().config().seqLen();
    List<int[]> prompts = new ArrayList<>(inputs.size());
    List<int[]> rows = new ArrayList<>(inputs.size() * n);
    long[] seeds = new long[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      NoisyInput input = inputs.get(i);
      int[] prompt =
          PromptTokens.encode(
              policy.vocabulary().tokenizer(), input.noisyText(), sampling.maxNewTokens(), context);
      prompts.add(prompt);
      for (int c = 0; c < n; c++) {
        rows.add(prompt);
      }
      seeds[i] = Seeds.forPrompt(jobSeed, input.sequence(), policy.version());
    }
    float temperature = (float) sampling.temperature();
    GenerationOptions options =
        GenerationOptions.sampling(
            temperature,
            sampling.maxNewTokens(),
            policy.vocabulary().stopIds(),
            Seeds.forCall(seeds));
    List<GeneratedSequence> out = generator.generate(policy.model(), rows, options);
    List<String> clean = cleanAnswers ? cleanAnswers(policy, sampling, inputs) : null;
    List<CandidateGroup> groups = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      List<Candidate> candidates = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        candidates.add(
            Groups.candidate(Candidate.NOISY, out.get(i * n + c), policy.vocabulary().tokenizer()));
      }
      groups.add(
          Groups.group(
              inputs.get(i),
              policy.version(),
              temperature,
              prompts.get(i),
              candidates,
              clean == null ? null : clean.get(i)));
    }
    return groups;
  }

  /** The greedy answer to each clean prompt, as the held-out evaluation decodes it. */
  private List<String> cleanAnswers(Policy policy, SamplingSpec sampling, List<NoisyInput> inputs) {
    int context = policy.model().config().seqLen();
    var tokenizer = policy.vocabulary().tokenizer();
    List<int[]> rows = new ArrayList<>(inputs.size());
    for (NoisyInput input : inputs) {
      rows.add(PromptTokens.encode(tokenizer, input.cleanText(), sampling.maxNewTokens(), context));
    }
    GenerationOptions greedy =
        GenerationOptions.greedy(sampling.maxNewTokens(), policy.vocabulary().stopIds());
    return generator.generate(policy.model(), rows, greedy).stream()
        .map(sequence -> tokenizer.decodeContinuation(sequence.tokens()))
        .toList();
  }
}
