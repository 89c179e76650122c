package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job trained from a preference file: which algorithms may use one, and that the sections no
 * service reads for it are refused rather than ignored.
 */
class OfflineJobSpecTest {

  private static final DatasetSpec PAIRS =
      new DatasetSpec("preferences/orca_dpo_pairs.jsonl.gz", 0, 32, "preferences", null, null);
  private static final DatasetSpec TEXT =
      new DatasetSpec("tinystories/tinystories_val.txt", 2, 200);
  private static final NoiseSpec NOISE =
      new NoiseSpec(
          List.of(new NoiseOperatorSpec("misspelling", 1.0, "misspelling")),
          new CurriculumSpec("linear", 0.1, 0.4));
  private static final SamplingSpec SAMPLING = new SamplingSpec(8, 1.0, 24);
  private static final RewardSpec REWARD = new RewardSpec(Map.of("chrf", 1.0));
  private static final TrainingSpec TRAINING =
      new TrainingSpec(16, 8, 5e-4, 0.0, 0.1, 0.2, 0.2, 1.0, 4, 2);

  private static JobSpec offline(String algorithm) {
    return new JobSpec("pairs", "stories260K", algorithm, 7, PAIRS, null, null, null, TRAINING);
  }

  private static List<String> fields(JobSpec spec) {
    return JobSpecValidator.validate(spec).stream().map(FieldError::field).toList();
  }

  @Test
  void dpoAndRewardModelJobsTrainFromAPreferenceFileWithoutNoiseSamplingOrReward() {
    assertThat(JobSpecValidator.validate(offline("dpo"))).isEmpty();
    assertThat(JobSpecValidator.validate(offline("reward-model"))).isEmpty();
    assertThat(offline("dpo").offline()).isTrue();
  }

  @Test
  void anOfflineJobSpecWithoutPromptSentencesReadsFromJsonAndIsValid() {
    String json =
        """
        {"name":"pairs","model":"stories260K","algorithm":"dpo","seed":7,
         "dataset":{"path":"preferences/orca_dpo_validation.jsonl","format":"preferences",
                    "heldOutPrompts":8},
         "training":{"steps":4,"promptsPerStep":2,"learningRate":0.001,"weightDecay":0.0,
                     "beta":0.0,"epsilonLow":0.2,"epsilonHigh":0.2,"maxGradNorm":1.0,
                     "checkpointEvery":2,"maxStaleness":2}}
        """;
    JobSpec spec = JsonMapper.builder().build().readValue(json, JobSpec.class);
    assertThat(spec.dataset().promptSentences()).isNull();
    assertThat(JobSpecValidator.validate(spec)).isEmpty();
    JobSpec text =
        new JobSpec(
            "t",
            "stories260K",
            "grpo",
            7,
            new DatasetSpec("tinystories/tinystories_val.txt", null, 8, null, null, null),
            null,
            null,
            null,
            TRAINING);
    assertThat(fields(text)).contains("dataset.promptSentences");
  }

  @Test
  void grpoCannotTrainFromAPreferenceFile() {
    List<FieldError> errors = JobSpecValidator.validate(offline("grpo"));
    assertThat(errors).extracting(FieldError::field).containsExactly("dataset.format");
    assertThat(errors.get(0).message()).contains("[").contains("dpo").contains("reward-model");
  }

  @Test
  void sectionsNoServiceReadsForAnOfflineJobAreRefusedByName() {
    JobSpec spec =
        new JobSpec("pairs", "stories260K", "dpo", 7, PAIRS, NOISE, SAMPLING, REWARD, TRAINING);
    List<FieldError> errors = JobSpecValidator.validate(spec);
    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("noise", "sampling", "reward");
    assertThat(errors.get(0).message())
        .contains("not used by a job trained from a preference file");
  }

  @Test
  void aRewardModelNeedsAPreferenceFileWhileOnlineDpoLearnsFromScoredGroups() {
    JobSpec rm =
        new JobSpec(
            "rm", "stories260K", "reward-model", 7, TEXT, NOISE, SAMPLING, REWARD, TRAINING);
    assertThat(fields(rm)).containsExactly("dataset.format");
    assertThat(rm.offline()).isFalse();
    JobSpec onlineDpo =
        new JobSpec("dpo", "stories260K", "dpo", 7, TEXT, NOISE, SAMPLING, REWARD, TRAINING);
    assertThat(JobSpecValidator.validate(onlineDpo)).isEmpty();
    assertThat(onlineDpo.offline()).isFalse();
  }

  @Test
  void trainingRewardModelBelongsToRewardModelJobsAndItsBoundsAreNamed() {
    TrainingSpec good = withRewardModel(new RewardModelSpec(24, 16, 0.01));
    JobSpec rm = new JobSpec("rm", "stories260K", "reward-model", 7, PAIRS, null, null, null, good);
    assertThat(JobSpecValidator.validate(rm)).isEmpty();
    assertThat(good.rewardModelOrDefault().maxPromptTokensOrDefault()).isEqualTo(24);
    assertThat(TRAINING.rewardModelOrDefault().maxCompletionTokensOrDefault()).isEqualTo(128);
    assertThat(TRAINING.rewardModelOrDefault().centerRewardsCoefficientOrDefault()).isZero();

    TrainingSpec bad = withRewardModel(new RewardModelSpec(1, 0, -1.0));
    assertThat(
            fields(
                new JobSpec("rm", "stories260K", "reward-model", 7, PAIRS, null, null, null, bad)))
        .containsExactlyInAnyOrder(
            "training.rewardModel.maxPromptTokens",
            "training.rewardModel.maxCompletionTokens",
            "training.rewardModel.centerRewardsCoefficient");
    assertThat(fields(new JobSpec("d", "stories260K", "dpo", 7, PAIRS, null, null, null, good)))
        .containsExactly("training.rewardModel");
  }

  private static TrainingSpec withRewardModel(RewardModelSpec r) {
    return TRAINING.withRewardModel(r);
  }

  @Test
  void anOnlineJobStillNeedsItsNoiseSamplingAndRewardSections() {
    JobSpec spec = new JobSpec("g", "stories260K", "grpo", 7, TEXT, null, null, null, TRAINING);
    assertThat(fields(spec)).containsExactlyInAnyOrder("noise", "sampling", "reward");
  }
}
