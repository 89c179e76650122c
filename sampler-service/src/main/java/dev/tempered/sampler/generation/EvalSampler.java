package dev.tempered.sampler.generation;

import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.sampler.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy answers to held-out prompts, noisy and clean side by side in one batched call, so the
 * reward service can score how much the noise costs under each policy version.
 */
public final class EvalSampler {

  /** Greedy log-probs come from the untempered distribution, so the group reports T = 1. */
  static final float GREEDY_TEMPERATURE = 1.0f;

  private final BatchGenerator generator;

  public EvalSampler(BatchGenerator generator) {
    this.generator = generator;
  }

  /** One group per input with candidates {@code noisy} then {@code clean}, in input order. */
  public List<CandidateGroup> evaluate(Policy policy, int maxNewTokens, List<NoisyInput> inputs) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    int context = policy.model().config().seqLen();
    var tokenizer = policy.vocabulary().tokenizer();
    List<int[]> rows = new ArrayList<>(2 * inputs.size());
    for (NoisyInput input : inputs) {
      rows.add(PromptTokens.encode(tokenizer, input.noisyText(), maxNewTokens, context));
      rows.add(PromptTokens.encode(tokenizer, input.cleanText(), maxNewTokens, context));
    }
    List<GeneratedSequence> out =
        generator.generate(
            policy.model(),
            rows,
            GenerationOptions.greedy(maxNewTokens, policy.vocabulary().stopIds()));
    List<CandidateGroup> groups = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      List<Candidate> candidates =
          List.of(
              Groups.candidate(Candidate.NOISY, out.get(2 * i), tokenizer),
              Groups.candidate(Candidate.CLEAN, out.get(2 * i + 1), tokenizer));
      groups.add(
          Groups.group(
              inputs.get(i), policy.version(), GREEDY_TEMPERATURE, rows.get(2 * i), candidates));
    }
    return groups;
  }
}
