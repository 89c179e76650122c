package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.advantage.RewardScaling;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaModel;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which rows and advantages a step trains on under each reward scaling and filter. */
class GrpoBatchTest {

  private static LlamaModel model;
  private static List<ScoredGroup> groups;

  @BeforeAll
  static void open() {
    model = TinyPolicy.model(5);
    // the reward service's advantages are deliberately not the group formula's, to see which wins
    groups =
        List.of(
            TinyPolicy.group(
                model, "a", new double[] {0, 1}, new double[] {-0.25, 0.25}, "stop", 0),
            TinyPolicy.group(model, "b", new double[] {1, 1}, new double[] {0, 0}, "length", 0));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void groupScalingKeepsTheRewardServiceAdvantages() {
    GrpoBatch rows = GrpoBatch.of(groups);
    assertThat(rows.size()).isEqualTo(4);
    assertThat(rows.advantages()).containsExactly(-0.25f, 0.25f, 0f, 0f);
    assertThat(rows.dataGroups()).containsExactly("a", "a", "b", "b");
    assertThat(rows.keep()).containsExactly(1f, 1f, 1f, 1f);
    assertThat(rows.zeroStdGroups()).isEqualTo(1);
  }

  @Test
  void batchScalingRecomputesOverTheStep() {
    // batch [0, 1, 1, 1]: Bessel std sqrt(0.75 / 3) = 0.5; group a's mean 0.5: ±0.5 / 0.5001
    GrpoBatch rows = GrpoBatch.of(groups, RewardScaling.BATCH, false, false);
    assertThat(rows.advantages()[0]).isCloseTo(-0.999800f, within(1e-6f));
    assertThat(rows.advantages()[1]).isCloseTo(0.999800f, within(1e-6f));
    assertThat(rows.advantages()[2]).isZero();
    GrpoBatch none = GrpoBatch.of(groups, RewardScaling.NONE, false, false);
    assertThat(none.advantages()).containsExactly(-0.5f, 0.5f, 0f, 0f);
  }

  @Test
  void zeroVarianceGroupsAreDroppedAndTruncatedRowsMasked() {
    GrpoBatch rows = GrpoBatch.of(groups, RewardScaling.GROUP, true, true);
    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.droppedZeroVariance()).isEqualTo(1);
    assertThat(rows.dataGroups()).containsExactly("a", "a");
    GrpoBatch masked = GrpoBatch.of(groups, RewardScaling.GROUP, false, true);
    // the first candidate of group b ended at the length limit
    assertThat(masked.keep()).containsExactly(1f, 1f, 0f, 1f);
  }
}
