package dev.tempered.reward.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exact match, GSM8K numeric answers and regex format checks. */
class VerifiableRewardsTest {

  @Test
  void exactMatchComparesStrippedTexts() {
    assertThat(ExactMatch.score(" Tom ran home.\n", "Tom ran home.")).isEqualTo(1.0);
    assertThat(ExactMatch.score("Tom ran home", "Tom ran home.")).isEqualTo(0.0);
    assertThat(ExactMatch.score("tom ran home.", "Tom ran home.")).isEqualTo(0.0);
    assertThat(ExactMatch.score("\u00a0x\u0085", "x")).isEqualTo(1.0);
  }

  @Test
  void numericAnswerFollowsVerlStrictExtraction() {
    assertThat(NumericAnswer.extract("so 9 * 2 = 18\n#### 18")).contains("18");
    assertThat(NumericAnswer.extract("#### 1,450,000")).contains("1450000");
    assertThat(NumericAnswer.extract("#### -10")).contains("-10");
    // the last answer counts, as in verl's extract_solution(method="strict")
    assertThat(NumericAnswer.extract("#### 3 no wait #### 4")).contains("4");
    assertThat(NumericAnswer.extract("the answer is 18")).isEmpty();
    assertThat(NumericAnswer.extract("####18")).isEmpty();
    // strings are compared, as verl does: 18.0 is not 18
    assertThat(NumericAnswer.score("#### 18.0", "#### 18")).isEqualTo(0.0);
    assertThat(NumericAnswer.score("#### 18", "18")).isEqualTo(1.0);
    assertThat(NumericAnswer.score("#### 18", "no answer here")).isEqualTo(0.0);
    assertThat(NumericAnswer.format("x #### 7")).isEqualTo(1.0);
    assertThat(NumericAnswer.format("x 7")).isEqualTo(0.0);
  }

  /** Every answer of the real GSM8K test split ends in an extractable number. */
  @Test
  void extractsTheAnswerOfEveryGsm8kTestLine() throws IOException {
    Optional<Path> shared = SharedResources.find();
    assumeTrue(shared.isPresent(), "../shared not found: set -Dtempered.shared.dir");
    Path file = shared.get().resolve("data/gsm8k/test.jsonl");
    assumeTrue(Files.exists(file), "../shared has no data/gsm8k/test.jsonl");
    JsonMapper json = JsonMapper.builder().build();
    List<String> answers =
        Files.readAllLines(file).stream()
            .map(line -> json.readTree(line).get("answer"))
            .map(JsonNode::asString)
            .toList();

    assertThat(answers).hasSize(1319);
    // line 1 (Janet's ducks) ends "#### 18"; line 3 (Josh's house) "#### 70000";
    // line 490 "#### -10"; the line ending "#### 2,125" gives 2125
    assertThat(NumericAnswer.extract(answers.get(0))).contains("18");
    assertThat(NumericAnswer.extract(answers.get(2))).contains("70000");
    assertThat(NumericAnswer.extract(answers.get(489))).contains("-10");
    assertThat(answers.stream().filter(a -> a.endsWith("#### 2,125")).findFirst())
        .hasValueSatisfying(a -> assertThat(NumericAnswer.extract(a)).contains("2125"));
    for (String answer : answers) {
      String number = NumericAnswer.extract(answer).orElseThrow();
      assertThat(new BigDecimal(number)).isNotNull();
      assertThat(NumericAnswer.score(answer, answer)).isEqualTo(1.0);
    }
    assertThat(NumericAnswer.score("She makes $18 a day.\n#### 18", answers.get(0))).isEqualTo(1.0);
    assertThat(NumericAnswer.score("She makes $26 a day.\n#### 26", answers.get(0))).isEqualTo(0.0);
  }

  @Test
  void regexSearchesAnywhereAndRejectsBadPatterns() {
    RegexMatch answer = new RegexMatch("#### -?[0-9]+$");
    assertThat(answer.score("so #### 42", "ignored")).isEqualTo(1.0);
    assertThat(answer.score("#### 42 and more", "ignored")).isEqualTo(0.0);
    assertThat(new RegexMatch("cat").score("concatenate", null)).isEqualTo(1.0);
    assertThatThrownBy(() -> new RegexMatch("(unclosed"))
        .hasMessageContaining("reward.regex does not compile");
    assertThatThrownBy(() -> new RegexMatch("")).hasMessageContaining("needs reward.regex");
  }
}
