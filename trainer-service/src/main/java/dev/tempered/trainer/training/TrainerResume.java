package dev.tempered.trainer.training;

import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.SafeTensors;
import dev.tempered.model.io.SafeTensors.Tensor;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a restarted trainer go on with a job from its newest checkpoint instead of the base model:
 * beside each {@code v<N>.bin} it stores the AdamW moments ({@code v<N>.adamw.safetensors}) and
 * {@link ResumeState} ({@code v<N>.state.json}, written last, each file to a temporary name and
 * then moved into place), so a checkpoint counts only once all three are complete; and it keeps the
 * job's consumption count in {@code progress.json} as groups arrive, so the noise service's credit
 * goes on from where it was.
 */
final class TrainerResume {

  private static final Logger log = LoggerFactory.getLogger(TrainerResume.class);
  private static final Pattern STATE = Pattern.compile("v(\\d+)\\.state\\.json");
  private static final String PROGRESS = "progress.json";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path root;

  TrainerResume(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** Where a job resumes: its checkpoint's weights, optimiser state and counters. */
  record ResumePoint(ResumeState state, LlamaWeights weights, AdamW.State optimizer) {}

  /** The consumption counters recorded as groups arrived. */
  record Progress(long groupsConsumed, long droppedStale) {}

  /** Stores the optimiser state and counters of checkpoint {@code state.version()}. */
  void save(String jobId, ResumeState state, AdamW.State optimizer) throws IOException {
    Path dir = root.resolve(jobId);
    Map<String, Tensor> moments = new LinkedHashMap<>();
    optimizer.firstMoments().forEach((n, m) -> moments.put("exp_avg." + n, vector(m)));
    optimizer.secondMoments().forEach((n, v) -> moments.put("exp_avg_sq." + n, vector(v)));
    Path momentsFile = dir.resolve(state.optimizerFile());
    Path temp = dir.resolve(state.optimizerFile() + ".tmp");
    SafeTensors.write(moments, temp);
    Files.move(
        temp, momentsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    writeJson(dir.resolve("v" + state.version() + ".state.json"), state);
    removeOlderMoments(dir, state.version());
  }

  /** Records the counters as they move, so a restart continues them. */
  void recordProgress(String jobId, long groupsConsumed, long droppedStale) {
    try {
      Files.createDirectories(root.resolve(jobId));
      writeJson(root.resolve(jobId).resolve(PROGRESS), new Progress(groupsConsumed, droppedStale));
    } catch (IOException e) {
      // Only a restart's credit count suffers, not this run: training goes on.
      log.warn("job {}: recording progress failed: {}", jobId, e.toString());
    }
  }

  /** The counters recorded for a job, zero for a job this trainer never saw. */
  Progress progress(String jobId) {
    Path file = root.resolve(jobId).resolve(PROGRESS);
    if (!Files.isRegularFile(file)) {
      return new Progress(0, 0);
    }
    try {
      return JSON.readValue(file.toFile(), Progress.class);
    } catch (RuntimeException e) {
      log.warn("job {}: {} unreadable ({}); counting from 0", jobId, file, e.getMessage());
      return new Progress(0, 0);
    }
  }

  /**
   * The newest complete checkpoint of a job: state, weights whose sha256 matches, and moments. A
   * checkpoint that fails those checks is skipped (logged) for the one before it.
   */
  Optional<ResumePoint> newest(String jobId) {
    Path dir = root.resolve(jobId);
    for (Path stateFile : statesNewestFirst(dir)) {
      try {
        ResumeState state = JSON.readValue(stateFile.toFile(), ResumeState.class);
        Path weightsFile = dir.resolve("v" + state.version() + ".bin");
        String sha = CheckpointStore.sha256(weightsFile);
        if (!sha.equals(state.weightsSha256())) {
          throw new IOException(
              weightsFile + " has sha256 " + sha + ", not " + state.weightsSha256());
        }
        LlamaWeights weights = Llama2cFormat.read(weightsFile);
        return Optional.of(new ResumePoint(state, weights, moments(dir, state)));
      } catch (IOException | RuntimeException e) {
        log.warn("job {}: cannot resume from {}: {}", jobId, stateFile, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The stored moments, or null (they restart from zero) when an older checkpoint has none. */
  private static AdamW.State moments(Path dir, ResumeState state) throws IOException {
    Path file = dir.resolve(state.optimizerFile());
    if (!Files.isRegularFile(file)) {
      log.warn("{} is gone (only the newest checkpoint keeps moments): AdamW restarts", file);
      return null;
    }
    Map<String, Tensor> tensors = SafeTensors.read(file);
    Map<String, float[]> first = new LinkedHashMap<>();
    Map<String, float[]> second = new LinkedHashMap<>();
    tensors.forEach(
        (name, t) -> {
          if (name.startsWith("exp_avg_sq.")) {
            second.put(name.substring("exp_avg_sq.".length()), t.values());
          } else if (name.startsWith("exp_avg.")) {
            first.put(name.substring("exp_avg.".length()), t.values());
          }
        });
    return new AdamW.State(state.optimizerSteps(), first, second);
  }

  private static List<Path> statesNewestFirst(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      List<Path> states =
          new ArrayList<>(
              files.filter(f -> STATE.matcher(f.getFileName().toString()).matches()).toList());
      states.sort(Comparator.comparingLong(TrainerResume::version).reversed());
      return states;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static long version(Path stateFile) {
    Matcher m = STATE.matcher(stateFile.getFileName().toString());
    m.matches();
    return Long.parseLong(m.group(1));
  }

  /** Moments are as large as two models: only the newest checkpoint's are kept. */
  private static void removeOlderMoments(Path dir, long newest) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Matcher m =
            Pattern.compile("v(\\d+)\\.adamw\\.safetensors").matcher(f.getFileName().toString());
        if (m.matches() && Long.parseLong(m.group(1)) < newest) {
          Files.delete(f);
        }
      }
    }
  }

  private static void writeJson(Path file, Object value) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, JSON.writeValueAsString(value));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Tensor vector(float[] values) {
    return new Tensor(new long[] {values.length}, values);
  }
}
