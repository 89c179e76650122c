package dev.tempered.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.RewardSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The fields added for preference pairs and target similarity travel through the services' JSON
 * serdes, and records written before they existed still read, with the new fields null.
 */
class ScoredGroupJsonTest {

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
  void newFieldsRoundTrip() {
    ScoredCandidate candidate =
        new ScoredCandidate(
            "Tom ran.", List.of(1, 2), List.of(-0.5f), "stop", Map.of("chrf", 0.25), 0.9, 0.7, 0.4);
    ScoredGroup group =
        new ScoredGroup(
            Envelope.create(),
            "job",
            "p",
            "g",
            3,
            1f,
            0.1,
            List.of(1),
            List.of(candidate, candidate),
            0,
            0.9,
            0.0,
            "chrf",
            List.of(new PreferencePair(0, 1, 0.4, 0.1)),
            0);

    ScoredGroup back = roundTrip(group, ScoredGroup.class);

    assertThat(back.targetSimilarity()).isEqualTo("chrf");
    assertThat(back.pairs()).containsExactly(new PreferencePair(0, 1, 0.4, 0.1));
    assertThat(back.tiedPairs()).isZero();
    assertThat(back.candidates().get(0).total()).isEqualTo(0.4);
    assertThat(back.candidates().get(0).reward()).isEqualTo(0.9);
  }

  @Test
  void recordsWithoutTheNewFieldsStillRead() {
    ScoredGroup old =
        read(
            "{\"jobId\":\"job\",\"promptId\":\"p\",\"group\":\"g\",\"policyVersion\":3,"
                + "\"temperature\":1.0,\"curriculumLevel\":0.1,\"promptTokenIds\":[1],"
                + "\"selectedIndex\":1,\"rewardMean\":0.5,\"rewardStd\":0.1,"
                + "\"candidates\":[{\"text\":\"a\",\"tokenIds\":[1],\"logprobs\":[-0.5],"
                + "\"finishReason\":\"stop\",\"components\":{\"chrf\":0.5},"
                + "\"reward\":0.5,\"advantage\":0.0}]}",
            ScoredGroup.class);
    assertThat(old.selectedIndex()).isEqualTo(1);
    assertThat(old.pairs()).isNull();
    assertThat(old.tiedPairs()).isNull();
    assertThat(old.targetSimilarity()).isNull();
    assertThat(old.candidates().get(0).total()).isNull();
    assertThat(old.cleanText()).isNull();
    assertThat(old.noisyText()).isNull();

    RewardSpec reward = read("{\"weights\":{\"chrf\":1.0}}", RewardSpec.class);
    assertThat(reward.weights()).containsEntry("chrf", 1.0);
    assertThat(reward.targetSimilarity()).isNull();
    assertThat(reward.regex()).isNull();
    assertThat(reward.labelling()).isNull();
  }
}
