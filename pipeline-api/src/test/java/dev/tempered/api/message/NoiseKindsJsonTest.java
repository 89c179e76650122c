package dev.tempered.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The noise kinds carried for the per-family report travel through the JSON serdes, and records
 * written before the field existed read with it null.
 */
class NoiseKindsJsonTest {

  private static <T> T roundTrip(Object value, Class<T> type) {
    try (JacksonJsonSerializer<Object> out = new JacksonJsonSerializer<>().noTypeInfo();
        JacksonJsonDeserializer<T> in = new JacksonJsonDeserializer<>(type).ignoreTypeHeaders()) {
      return in.deserialize("t", out.serialize("t", value));
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try (JacksonJsonDeserializer<T> in = new JacksonJsonDeserializer<>(type).ignoreTypeHeaders()) {
      return in.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void evaluationKindsRoundTrip() {
    EvaluationResult result =
        new EvaluationResult(
            Envelope.create(),
            "job",
            "p",
            "g",
            2,
            0.5,
            0.25,
            "a",
            "b",
            0.75,
            List.of("char-swap", "synonym"));

    EvaluationResult back = roundTrip(result, EvaluationResult.class);

    assertThat(back.noiseKinds()).containsExactly("char-swap", "synonym");
    assertThat(back.consistency()).isEqualTo(0.75);
  }

  @Test
  void candidateGroupKindsRoundTrip() {
    CandidateGroup group =
        new CandidateGroup(
            Envelope.create(),
            "job",
            "p",
            Split.EVAL,
            "g",
            "clean",
            "noisy",
            "ref",
            0.5,
            1,
            0f,
            List.of(1, 2),
            List.of(),
            List.of("token-mask"));

    assertThat(roundTrip(group, CandidateGroup.class).noiseKinds()).containsExactly("token-mask");
    assertThat(roundTrip(group, CandidateGroup.class).cleanAnswer()).isNull();
  }

  @Test
  void aTrainingGroupsCleanAnswerRoundTrips() {
    CandidateGroup group =
        new CandidateGroup(
            Envelope.create(),
            "job",
            "p",
            Split.TRAIN,
            "g",
            "clean",
            "noisy",
            "ref",
            0.5,
            1,
            1f,
            List.of(1, 2),
            List.of(),
            List.of("misspelling"),
            null,
            " She smiled.");

    assertThat(roundTrip(group, CandidateGroup.class).cleanAnswer()).isEqualTo(" She smiled.");
  }

  @Test
  void oldRecordsReadWithoutKinds() {
    EvaluationResult result =
        read(
            "{\"jobId\":\"job\",\"promptId\":\"p\",\"group\":\"g\",\"policyVersion\":1,"
                + "\"cleanScore\":0.5,\"noisyScore\":0.25,\"cleanAnswer\":\"a\","
                + "\"noisyAnswer\":\"b\",\"consistency\":0.5}",
            EvaluationResult.class);
    CandidateGroup group =
        read(
            "{\"jobId\":\"job\",\"promptId\":\"p\",\"split\":\"EVAL\",\"group\":\"g\","
                + "\"curriculumLevel\":0.5,\"policyVersion\":1,\"temperature\":0.0,\"candidates\":[]}",
            CandidateGroup.class);

    assertThat(result.noiseKinds()).isNull();
    assertThat(result.noisyScore()).isEqualTo(0.25);
    assertThat(group.noiseKinds()).isNull();
    assertThat(group.cleanAnswer()).isNull();
    assertThat(group.promptId()).isEqualTo("p");
    assertThat(result.strength()).isNull();
    assertThat(result.inStrengthSweep()).isFalse();
    assertThat(group.inStrengthSweep()).isFalse();
  }

  @Test
  void strengthAndSweepRoundTrip() {
    EvaluationResult result =
        new EvaluationResult(
            Envelope.create(),
            "job",
            "p",
            "g",
            2,
            0.5,
            0.25,
            "a",
            "b",
            0.75,
            List.of("synonym"),
            0.3,
            true);
    NoisyInput input =
        new NoisyInput(
            Envelope.create(), "job", "p", Split.EVAL, 4, "g", "c", "n", List.of(), "r", 0.3, true);

    EvaluationResult back = roundTrip(result, EvaluationResult.class);
    NoisyInput inputBack = roundTrip(input, NoisyInput.class);

    assertThat(back.strength()).isEqualTo(0.3);
    assertThat(back.inStrengthSweep()).isTrue();
    assertThat(inputBack.strengthSweep()).isTrue();
    assertThat(inputBack.curriculumLevel()).isEqualTo(0.3);
  }
}
