package dev.tempered.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationScoreTest {

  @Test
  void kindsBecomeTheirDistinctFamiliesInOrder() {
    assertThat(EvaluationScore.familiesOf(List.of("synonym", "char-swap", "word-dropout")))
        .containsExactly("word", "character");
    assertThat(EvaluationScore.familiesOf(List.of("hotflip", "paraphrase")))
        .containsExactly("adversarial", "paraphrase");
    assertThat(EvaluationScore.familiesOf(List.of())).containsExactly(EvaluationScore.NO_NOISE);
    assertThat(EvaluationScore.familiesOf(null)).isNull();
  }

  @Test
  void aKindThisGatewayDoesNotKnowIsReportedAsOther() {
    assertThat(EvaluationScore.familiesOf(List.of("char-swap", "back-translation")))
        .containsExactly("character", EvaluationScore.OTHER);
  }

  @Test
  void anEvaluationsStrengthAndSweepFlagAreKept() {
    EvaluationResult sweep =
        new EvaluationResult(
            Envelope.create(),
            "j",
            "p-at-0.9",
            "g",
            1,
            0.5,
            0.25,
            "a",
            "b",
            null,
            List.of(),
            0.9,
            true);
    EvaluationResult old =
        new EvaluationResult(Envelope.create(), "j", "p", "g", 1, 0.5, 0.25, "a", "b");

    assertThat(EvaluationScore.of(sweep).strength()).isEqualTo(0.9);
    assertThat(EvaluationScore.of(sweep).sweep()).isTrue();
    assertThat(EvaluationScore.of(sweep).families()).containsExactly(EvaluationScore.NO_NOISE);
    assertThat(EvaluationScore.of(old).strength()).isNull();
    assertThat(EvaluationScore.of(old).sweep()).isFalse();
  }
}
