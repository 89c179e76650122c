package dev.tempered.gateway;

import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import java.util.List;
import java.util.Map;

/** The demo job spec, as a record and as the JSON the demo submits. */
public final class TestJobs {

  public static final String DEMO_JSON =
      """
      {"name":"demo","model":"stories260K","algorithm":"grpo","seed":7,
       "dataset":{"path":"tinystories/tinystories_val.txt","promptSentences":2,"heldOutPrompts":200},
       "noise":{"operators":[{"kind":"misspelling","weight":1.0,"group":"misspelling"},
                             {"kind":"word-dropout","weight":1.0,"group":"word-dropout"}],
                "curriculum":{"schedule":"linear","startStrength":0.1,"endStrength":0.4}},
       "sampling":{"candidates":8,"temperature":1.0,"maxNewTokens":24},
       "reward":{"weights":{"chrf":1.0,"sentence-end":0.1}},
       "training":{"steps":40,"promptsPerStep":8,"learningRate":0.001,"weightDecay":0.0,
                   "beta":0.04,"epsilonLow":0.2,"epsilonHigh":0.2,"maxGradNorm":1.0,
                   "checkpointEvery":10,"maxStaleness":2}}
      """;

  private TestJobs() {}

  /** The demo spec with {@code heldOutPrompts} held-out prompts. */
  public static JobSpec demo(int heldOutPrompts) {
    return new JobSpec(
        "demo",
        "stories260K",
        "grpo",
        7,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, heldOutPrompts),
        new NoiseSpec(
            List.of(
                new NoiseOperatorSpec("misspelling", 1.0, "misspelling"),
                new NoiseOperatorSpec("word-dropout", 1.0, "word-dropout")),
            new CurriculumSpec("linear", 0.1, 0.4)),
        new SamplingSpec(8, 1.0, 24),
        new RewardSpec(Map.of("chrf", 1.0, "sentence-end", 0.1)),
        new TrainingSpec(40, 8, 0.001, 0.0, 0.04, 0.2, 0.2, 1.0, 10, 2));
  }
}
