package dev.tempered.launcher.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.launcher.job.FakeGateway.Answer;
import org.junit.jupiter.api.Test;

class GatewayClientTest {

  @Test
  void submitPostsTheJobAndReturnsTheIdFromTheBody() throws Exception {
    try (FakeGateway gateway =
        new FakeGateway()
            .on("POST /v1/jobs", new Answer(201, "{\"id\": \"job-42\", \"state\": \"QUEUED\"}"))) {
      String id = new GatewayClient(gateway.uri()).submit("{\"name\": \"x\"}");

      assertThat(id).isEqualTo("job-42");
      assertThat(gateway.requests()).containsExactly("POST /v1/jobs");
      assertThat(gateway.bodies()).containsExactly("{\"name\": \"x\"}");
    }
  }

  @Test
  void everyRequestCarriesTheApiKey() throws Exception {
    try (FakeGateway gateway =
        new FakeGateway().on("GET /v1/jobs/j1", new Answer(200, "{\"id\": \"j1\"}"))) {
      new GatewayClient(gateway.uri(), "key-of-some-user-1").job("j1");
      new GatewayClient(gateway.uri()).job("j1");

      assertThat(gateway.authorizations())
          .containsExactly("Bearer key-of-some-user-1", "Bearer " + GatewayClient.defaultKey());
      assertThat(GatewayClient.LOCAL_DEV_KEY).isEqualTo("tempered-local-dev");
    }
  }

  @Test
  void aRejectedJobFailsWithTheStatusAndTheProblem() throws Exception {
    String problem =
        "{\"title\": \"Invalid job spec\", \"errors\": [{\"field\": \"training.steps\"}]}";
    try (FakeGateway gateway = new FakeGateway().on("POST /v1/jobs", new Answer(400, problem))) {
      assertThatThrownBy(() -> new GatewayClient(gateway.uri()).submit("{}"))
          .hasMessage("POST " + gateway.uri() + "/v1/jobs answered 400: " + problem);
    }
  }

  @Test
  void reportIsEmptyWhileTheGatewayHasNone() throws Exception {
    try (FakeGateway gateway =
        new FakeGateway()
            .on(
                "GET /v1/jobs/j1/report",
                new Answer(404, ""),
                new Answer(200, "{\"versions\": []}"))) {
      GatewayClient client = new GatewayClient(gateway.uri());

      assertThat(client.report("j1")).isEmpty();
      assertThat(client.report("j1"))
          .hasValueSatisfying(r -> assertThat(r.path("versions").isArray()).isTrue());
      assertThatThrownBy(() -> client.job("j1")).hasMessageContaining("/v1/jobs/j1 answered 404");
    }
  }
}
