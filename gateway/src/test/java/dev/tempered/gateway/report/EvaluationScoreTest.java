package dev.tempered.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

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
}
