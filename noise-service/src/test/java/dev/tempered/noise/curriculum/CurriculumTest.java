package dev.tempered.noise.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tempered.api.job.CurriculumSpec;
import org.junit.jupiter.api.Test;

class CurriculumTest {

  private static final double EPS = 1e-9;

  @Test
  void constantStaysAtTheStartStrength() {
    Curriculum c = Curriculum.of(new CurriculumSpec("constant", 0.3, 0.8));
    assertThat(c.strength(0.0)).isCloseTo(0.3, within(EPS));
    assertThat(c.strength(0.7)).isCloseTo(0.3, within(EPS));
    assertThat(c.strength(1.0)).isCloseTo(0.3, within(EPS));
    assertThat(c.evalStrength()).isCloseTo(0.8, within(EPS));
  }

  @Test
  void linearMovesStraightFromStartToEnd() {
    Curriculum c = Curriculum.of(new CurriculumSpec("linear", 0.1, 0.5));
    assertThat(c.strength(0.0)).isCloseTo(0.1, within(EPS));
    // 0.1 + 0.4 * 0.25 = 0.2
    assertThat(c.strength(0.25)).isCloseTo(0.2, within(EPS));
    assertThat(c.strength(1.0)).isCloseTo(0.5, within(EPS));
    assertThat(c.strength(2.0)).isCloseTo(0.5, within(EPS));
  }

  @Test
  void cosineEasesInAndOut() {
    Curriculum c = Curriculum.of(new CurriculumSpec("cosine", 0.2, 0.6));
    assertThat(c.strength(0.0)).isCloseTo(0.2, within(EPS));
    // 0.2 + 0.4 * (1 - cos(pi/4)) / 2 = 0.2 + 0.4 * 0.1464466 = 0.2585786
    assertThat(c.strength(0.25)).isCloseTo(0.2585786, within(1e-7));
    assertThat(c.strength(0.5)).isCloseTo(0.4, within(EPS));
    // 0.2 + 0.4 * (1 - cos(3pi/4)) / 2 = 0.2 + 0.4 * 0.8535534 = 0.5414214
    assertThat(c.strength(0.75)).isCloseTo(0.5414214, within(1e-7));
    assertThat(c.strength(1.0)).isCloseTo(0.6, within(EPS));
  }

  @Test
  void decreasingSchedulesWork() {
    Curriculum c = Curriculum.of(new CurriculumSpec("linear", 0.9, 0.1));
    // 0.9 - 0.8 * 0.5 = 0.5
    assertThat(c.strength(0.5)).isCloseTo(0.5, within(EPS));
  }

  @Test
  void progressIsTheTrainerStepOverAllSteps() {
    assertThat(Curriculum.progress(0, 12)).isEqualTo(0.0);
    assertThat(Curriculum.progress(3, 12)).isEqualTo(0.25);
    assertThat(Curriculum.progress(15, 12)).isEqualTo(1.0);
    assertThatThrownBy(() -> Curriculum.progress(1, 0)).hasMessageContaining("training.steps");
  }

  @Test
  void rejectsUnknownSchedulesAndStrengthsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> Curriculum.of(new CurriculumSpec("exponential", 0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'exponential'");
    assertThatThrownBy(() -> Curriculum.of(new CurriculumSpec("linear", -0.1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startStrength");
  }

  @Test
  void stepClimbsEqualStagesFromStartToEnd() {
    // 4 stages over [0.1, 0.4]: 0.1, 0.2, 0.3, 0.4, each for a quarter of training.
    Curriculum c = Curriculum.of(new CurriculumSpec("step", 0.1, 0.4));
    assertThat(c.strength(0.0)).isCloseTo(0.1, within(EPS));
    assertThat(c.strength(0.2499)).isCloseTo(0.1, within(EPS));
    assertThat(c.strength(0.25)).isCloseTo(0.2, within(EPS));
    assertThat(c.strength(0.6)).isCloseTo(0.3, within(EPS));
    assertThat(c.strength(0.9999)).isCloseTo(0.4, within(EPS));
    assertThat(c.strength(1.0)).isCloseTo(0.4, within(EPS));
    // 2 stages: start for the first half, end for the second.
    Curriculum two = Curriculum.of(new CurriculumSpec("step", 0.2, 0.6, 2, null, null));
    assertThat(two.strength(0.49)).isCloseTo(0.2, within(EPS));
    assertThat(two.strength(0.5)).isCloseTo(0.6, within(EPS));
    assertThatThrownBy(() -> new Curriculum(Curriculum.Schedule.STEP, 0, 1, 1))
        .hasMessageContaining("stages must be >= 2");
  }

  @Test
  void adaptiveStaysAtItsStartUntilTheRuleRaisesIt() {
    Curriculum c = Curriculum.of(new CurriculumSpec("adaptive", 0.1, 0.5));
    assertThat(c.schedule()).isEqualTo(Curriculum.Schedule.ADAPTIVE);
    assertThat(c.strength(0.0)).isEqualTo(0.1);
    assertThat(c.strength(1.0)).isEqualTo(0.1);
    assertThat(c.evalStrength()).isEqualTo(0.5);
  }
}
