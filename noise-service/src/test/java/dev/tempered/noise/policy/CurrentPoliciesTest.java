package dev.tempered.noise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacked policy follows the trainer's verified checkpoints and nothing else. */
class CurrentPoliciesTest {

  private static final String MODEL = "stories260K";

  @TempDir Path dir;

  @Test
  void movesToTheNewestVerifiedCheckpointOnNextUseAndRefusesAnAlteredOne() throws IOException {
    Path models = models();
    LlamaWeights base = ModelFiles.locate(models, MODEL).readWeights();
    Path v1 = write(base, 0.5f, "v1.bin");
    Path v2 = write(base, 2f, "v2.bin");
    try (CurrentPolicies policies = new CurrentPolicies(() -> models)) {
      assertThat(firstWeight(policies, "j")).isEqualTo(base.tensors().get("norm")[0]);
      assertThat(policies.version("j")).isZero();

      policies.onCheckpoint(event(v1, 1, CheckpointReader.sha256(v1)));
      assertThat(policies.version("j")).as("loaded only on next use").isZero();
      assertThat(firstWeight(policies, "j")).isEqualTo(base.tensors().get("norm")[0] * 0.5f);
      assertThat(policies.version("j")).isEqualTo(1);

      policies.onCheckpoint(event(v2, 2, "0".repeat(64)));
      assertThat(firstWeight(policies, "j")).isEqualTo(base.tensors().get("norm")[0] * 0.5f);
      assertThat(policies.version("j")).isEqualTo(1);

      // The base model of no job never moves.
      assertThat(firstWeight(policies, null)).isEqualTo(base.tensors().get("norm")[0]);
      policies.release("j");
      assertThat(policies.version("j")).isEqualTo(-1);
    }
  }

  private static float firstWeight(CurrentPolicies policies, String jobId) {
    return policies.withPolicy(
        jobId, MODEL, (model, version) -> model.parameters().get("norm").toFloatArray()[0]);
  }

  private Path write(LlamaWeights base, float normScale, String name) throws IOException {
    Map<String, float[]> tensors = new LinkedHashMap<>(base.tensors());
    float[] norm = tensors.get("norm").clone();
    for (int i = 0; i < norm.length; i++) {
      norm[i] *= normScale;
    }
    tensors.put("norm", norm);
    Path file = dir.resolve(name);
    Llama2cFormat.write(new LlamaWeights(base.config(), tensors), file);
    return file;
  }

  private static CheckpointEvent event(Path file, long version, String sha256) throws IOException {
    return new CheckpointEvent(
        Envelope.create(),
        "j",
        version,
        version,
        file.toUri().toString(),
        sha256,
        Files.size(file),
        0,
        0,
        false);
  }

  private static Path models() {
    var root = SharedResources.find();
    assumeTrue(
        root.isPresent() && Files.isDirectory(root.get().resolve("models").resolve(MODEL)),
        "../shared/models/stories260K not found (set TEMPERED_SHARED_DIR): policy test skipped");
    return root.get().resolve("models");
  }
}
