package dev.tempered.sampler.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Split;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.sampler.Stories260K;
import dev.tempered.sampler.policy.Policy;
import dev.tempered.sampler.policy.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TRAIN sampling and EVAL decoding with the real stories260K policy. */
class SamplersTest {

  private static final String[] OPENINGS = {
    "Tom had a red ball. He liked to throw it high.",
    "Lily saw a big dog in the park.",
    "Once upon a time, there was a little bird.",
    "The sun was hot and the sky was blue. Sam wanted to swim.",
    "Mia found a shiny stone near the river.",
    "Ben and his mom went to the shop to buy milk.",
    "A small cat sat on the wall and looked at the moon.",
    "Anna liked to draw pictures of flowers."
  };

  private final List<int[]> calls = new ArrayList<>();
  private final BatchGenerator generator =
      new BatchGenerator((rows, tokens, nanos) -> calls.add(new int[] {rows, (int) tokens}));
  private Policy policy;

  @BeforeEach
  void loadPolicy() {
    policy =
        Policy.create(
            "job-1",
            Stories260K.NAME,
            Stories260K.weights(),
            Vocabulary.of(Stories260K.tokenizer()),
            Device.cpu());
  }

  @AfterEach
  void closePolicy() {
    if (policy != null) {
      policy.close();
    }
  }

  @Test
  void sixtyFourPromptsTimesEightCandidatesRunAsOneBatchedCall() {
    SamplingSpec sampling = new SamplingSpec(8, 0.8, 32);
    List<NoisyInput> inputs = inputs(64, Split.TRAIN);
    List<CandidateGroup> groups = new TrainSampler(generator).sample(policy, sampling, 42L, inputs);

    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)[0]).as("batch fill").isEqualTo(512);
    assertThat(groups).hasSize(64);
    Llama2cTokenizer tok = policy.vocabulary().tokenizer();
    for (int i = 0; i < groups.size(); i++) {
      CandidateGroup g = groups.get(i);
      assertThat(g.promptId()).isEqualTo(inputs.get(i).promptId());
      assertThat(g.policyVersion()).isZero();
      assertThat(g.temperature()).isEqualTo(0.8f);
      assertThat(g.promptTokenIds())
          .containsExactlyElementsOf(boxed(tok.encode(inputs.get(i).noisyText(), true, false)));
      assertThat(g.candidates()).hasSize(8);
      g.candidates().forEach(c -> assertWellFormed(c, 32));
    }
    long produced =
        groups.stream()
            .flatMap(g -> g.candidates().stream())
            .mapToLong(c -> c.tokenIds().size())
            .sum();
    assertThat(calls.get(0)[1]).isEqualTo((int) produced);
  }

  @Test
  void samplingIsReproducibleForTheSamePromptsAndVersion() {
    SamplingSpec sampling = new SamplingSpec(2, 1.0, 8);
    List<NoisyInput> inputs = inputs(2, Split.TRAIN);
    TrainSampler sampler = new TrainSampler(generator);
    List<List<Integer>> first = tokens(sampler.sample(policy, sampling, 7L, inputs));
    List<List<Integer>> again = tokens(sampler.sample(policy, sampling, 7L, inputs));
    List<List<Integer>> otherSeed = tokens(sampler.sample(policy, sampling, 8L, inputs));
    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void theCleanAnswerIsGeneratedOnlyWhenAskedAndIsTheGreedyCleanAnswer() {
    SamplingSpec sampling = new SamplingSpec(4, 1.0, 16);
    List<NoisyInput> inputs = inputs(3, Split.TRAIN);
    TrainSampler sampler = new TrainSampler(generator);

    List<CandidateGroup> without = sampler.sample(policy, sampling, 7L, inputs);
    assertThat(calls).hasSize(1);
    assertThat(without).extracting(CandidateGroup::cleanAnswer).containsOnlyNulls();

    calls.clear();
    List<CandidateGroup> with = sampler.sample(policy, sampling, 7L, inputs, true);
    // one sampled call (3 prompts x 4 candidates) and one greedy call over the 3 clean prompts
    assertThat(calls).extracting(c -> c[0]).containsExactly(12, 3);
    assertThat(tokens(with)).isEqualTo(tokens(without));
    List<NoisyInput> asEval = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      asEval.add(input(i, Split.EVAL, inputs.get(i).cleanText(), inputs.get(i).noisyText()));
    }
    List<CandidateGroup> eval = new EvalSampler(generator).evaluate(policy, 16, asEval);
    for (int i = 0; i < inputs.size(); i++) {
      String greedyClean = eval.get(i).candidates().get(1).text();
      assertThat(with.get(i).cleanAnswer()).isNotBlank().isEqualTo(greedyClean);
    }
  }

  @Test
  void evaluationAnswersNoisyAndCleanGreedilyInOneCall() {
    NoisyInput same = input(0, Split.EVAL, "Tom had a red ball.", "Tom had a red ball.");
    NoisyInput noisy = input(1, Split.EVAL, "Lily saw a big dog.", "Lilly sawa big dgo.");
    List<CandidateGroup> groups =
        new EvalSampler(generator).evaluate(policy, 24, List.of(same, noisy));

    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)[0]).isEqualTo(4);
    assertThat(groups).hasSize(2);
    for (CandidateGroup g : groups) {
      assertThat(g.split()).isEqualTo(Split.EVAL);
      assertThat(g.temperature()).isEqualTo(1.0f);
      assertThat(g.candidates())
          .extracting(Candidate::variant)
          .containsExactly(Candidate.NOISY, Candidate.CLEAN);
      g.candidates().forEach(c -> assertWellFormed(c, 24));
    }
    // Greedy decoding of identical prompts gives identical answers.
    assertThat(groups.get(0).candidates().get(0).tokenIds())
        .isEqualTo(groups.get(0).candidates().get(1).tokenIds());
    assertThat(groups.get(1).candidates().get(1).text()).isNotBlank();
  }

  private void assertWellFormed(Candidate c, int maxNewTokens) {
    assertThat(c.tokenIds()).isNotEmpty().hasSizeLessThanOrEqualTo(maxNewTokens);
    assertThat(c.logprobs())
        .hasSameSizeAs(c.tokenIds())
        .allSatisfy(
            lp -> assertThat(lp).isLessThanOrEqualTo(0f).isGreaterThan(Float.NEGATIVE_INFINITY));
    int last = c.tokenIds().get(c.tokenIds().size() - 1);
    boolean stopped = policy.vocabulary().stopIds().contains(last);
    assertThat(c.finishReason())
        .isEqualTo(stopped ? Candidate.FINISH_STOP : Candidate.FINISH_LENGTH);
    if (!stopped) {
      assertThat(c.tokenIds()).hasSize(maxNewTokens);
    }
    assertThat(c.text())
        .isEqualTo(
            policy
                .vocabulary()
                .tokenizer()
                .decodeContinuation(c.tokenIds().stream().mapToInt(Integer::intValue).toArray()));
  }

  private static List<NoisyInput> inputs(int count, Split split) {
    List<NoisyInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String text = OPENINGS[i % OPENINGS.length];
      inputs.add(input(i, split, text, text.replace("the", "teh")));
    }
    return inputs;
  }

  private static NoisyInput input(long sequence, Split split, String clean, String noisy) {
    return new NoisyInput(
        Envelope.create(),
        "job-1",
        "p-" + sequence,
        split,
        sequence,
        "typo",
        clean,
        noisy,
        List.of(),
        "He was happy.",
        0.5);
  }

  private static List<List<Integer>> tokens(List<CandidateGroup> groups) {
    return groups.stream().flatMap(g -> g.candidates().stream()).map(Candidate::tokenIds).toList();
  }

  private static List<Integer> boxed(int[] ids) {
    return Arrays.stream(ids).boxed().toList();
  }
}
