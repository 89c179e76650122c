package dev.tempered.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** The optional failure of a rollout travels through the JSON serdes; older rollouts read. */
class RolloutJsonTest {

  @Test
  void aFailureRoundTrips() {
    Rollout failed = Rollout.failed("job-1", 3, 1, 24, "cannot load base model nope");
    byte[] json;
    try (JacksonJsonSerializer<Object> out = new JacksonJsonSerializer<>().noTypeInfo()) {
      json = out.serialize("rollouts", failed);
    }

    Rollout back = read(new String(json, StandardCharsets.UTF_8));

    assertThat(back.failure()).isEqualTo("cannot load base model nope");
    assertThat(back.step()).isEqualTo(3);
    assertThat(back.policyVersion()).isEqualTo(1);
    assertThat(back.groupsConsumed()).isEqualTo(24);
    assertThat(back.metrics()).isNull();
    assertThat(back.samples()).isEmpty();
  }

  @Test
  void aRolloutWithoutTheFieldReadsAsNoFailure() {
    Rollout back =
        read(
            """
            {"jobId":"job-1","step":2,"policyVersion":1,"groupsConsumed":16,"samples":[]}""");

    assertThat(back.failure()).isNull();
    assertThat(back.step()).isEqualTo(2);
    assertThat(back.samples()).isEqualTo(List.of());
  }

  private static Rollout read(String json) {
    try (JacksonJsonDeserializer<Rollout> in =
        new JacksonJsonDeserializer<>(Rollout.class).ignoreTypeHeaders()) {
      return in.deserialize("rollouts", json.getBytes(StandardCharsets.UTF_8));
    }
  }
}
