package dev.tempered.sampler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.model.io.CheckpointReader;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.sampler.Stories260K;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {

  @TempDir Path dir;

  private final List<String> versions = new ArrayList<>();
  private PolicyStore store;

  @BeforeEach
  void createStore() {
    Path models = Stories260K.modelsDir();
    store =
        new PolicyStore(
            new ModelLibrary(() -> models),
            Device.cpu(),
            new PolicyVersionListener() {
              @Override
              public void onVersion(String jobId, long version) {
                versions.add(jobId + "@" + version);
              }

              @Override
              public void onReleased(String jobId) {
                versions.add(jobId + " released");
              }
            });
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void loadsOnlyVerifiedNewerCheckpoints() throws IOException {
    Policy policy = store.policyFor("j", Stories260K.NAME);
    assertThat(policy.version()).isZero();
    Path v1 = checkpoint("v1.bin");

    assertThat(store.onCheckpoint(event("j", 1, v1, "f".repeat(64)))).isFalse();
    assertThat(policy.version()).as("a sha256 mismatch is refused").isZero();
    assertThat(store.onCheckpoint(event("j", 1, v1, CheckpointReader.sha256(v1)))).isTrue();
    assertThat(policy.version()).isEqualTo(1);
    assertThat(store.onCheckpoint(event("j", 1, v1, CheckpointReader.sha256(v1)))).isFalse();
    assertThat(store.onCheckpoint(event("j", 0, v1, CheckpointReader.sha256(v1)))).isFalse();
    assertThat(policy.version()).isEqualTo(1);

    store.release("j");
    assertThat(versions).containsExactly("j@0", "j@1", "j released");
  }

  @Test
  void aPolicyCreatedAfterACheckpointStartsFromIt() throws IOException {
    Path v3 = checkpoint("v3.bin");
    assertThat(store.onCheckpoint(event("k", 3, v3, CheckpointReader.sha256(v3)))).isFalse();
    assertThat(store.held("k")).isEmpty();
    assertThat(store.policyFor("k", Stories260K.NAME).version()).isEqualTo(3);
    assertThat(versions).containsExactly("k@0", "k@3");
  }

  private Path checkpoint(String name) throws IOException {
    Path file = dir.resolve(name);
    Llama2cFormat.write(Stories260K.weights(), file);
    return file;
  }

  private static CheckpointEvent event(String job, long version, Path file, String sha)
      throws IOException {
    return new CheckpointEvent(
        Envelope.create(),
        job,
        version,
        version * 10,
        file.toUri().toString(),
        sha,
        Files.size(file),
        0,
        0,
        false);
  }
}
