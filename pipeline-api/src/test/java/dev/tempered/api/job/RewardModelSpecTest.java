package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The model-based reward components: fluency, and reward-model with its reward.rewardModel. */
class RewardModelSpecTest {

  private static JobSpec spec(RewardSpec reward) {
    return new JobSpec(
        "rm",
        "stories260K",
        "grpo",
        7,
        new DatasetSpec("tinystories/tinystories_val.txt", 2, 200),
        new NoiseSpec(
            List.of(new NoiseOperatorSpec("misspelling", 1.0, "misspelling")),
            new CurriculumSpec("linear", 0.1, 0.4)),
        new SamplingSpec(8, 1.0, 24),
        reward,
        new TrainingSpec(40, 8, 1e-3, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 2));
  }

  private static List<String> fields(RewardSpec reward) {
    return JobSpecValidator.validate(spec(reward)).stream().map(FieldError::field).toList();
  }

  @Test
  void fluencyAndRewardModelAreComponents() {
    RewardSpec both =
        new RewardSpec(
            Map.of("fluency", 0.5, "reward-model", 1.0, "chrf", 1.0),
            null,
            null,
            new RewardModelRef("job-abc123", 4L));
    assertThat(fields(both)).isEmpty();
    // version absent: the newest
    assertThat(
            fields(
                new RewardSpec(
                    Map.of("reward-model", 1.0), null, null, new RewardModelRef("job-abc", null))))
        .isEmpty();
  }

  @Test
  void rewardModelIsRequiredExactlyWhenWeightedAndNamesItsFields() {
    assertThat(fields(new RewardSpec(Map.of("reward-model", 1.0))))
        .containsExactly("reward.rewardModel");
    assertThat(
            fields(
                new RewardSpec(Map.of("chrf", 1.0), null, null, new RewardModelRef("job-a", 1L))))
        .containsExactly("reward.rewardModel");
    assertThat(
            fields(
                new RewardSpec(
                    Map.of("reward-model", 1.0), null, null, new RewardModelRef("../x", -1L))))
        .containsExactlyInAnyOrder("reward.rewardModel.job", "reward.rewardModel.version");
    assertThat(
            fields(
                new RewardSpec(
                    Map.of("reward-model", 1.0), null, null, new RewardModelRef(null, null))))
        .containsExactly("reward.rewardModel.job");
  }

  @Test
  void readsFromJsonWithTheVersionOptional() {
    RewardSpec read =
        JsonMapper.builder()
            .build()
            .readValue(
                "{\"weights\": {\"reward-model\": 1.0, \"fluency\": 0.2},"
                    + " \"rewardModel\": {\"job\": \"job-7\"}}",
                RewardSpec.class);
    assertThat(read.rewardModel()).isEqualTo(new RewardModelRef("job-7", null));
    assertThat(read.weights()).containsEntry("fluency", 0.2);
    assertThat(new RewardSpec(Map.of("chrf", 1.0)).rewardModel()).isNull();
  }
}
