package dev.tempered.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.model.Stories260K;
import dev.tempered.model.bench.MemoryFlatness.Reading;
import dev.tempered.model.llama.LlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 300 generate+train steps leave the arrays alive on the model's manager exactly as after warm-up
 * and resident memory within a tolerance. A leak of one step's arrays would add hundreds of arrays
 * per step; the RSS bound is loose (allocator and JIT noise on a shared machine), the array count
 * is exact. {@code MemoryFlatness.main} runs 1,000 steps and prints the readings.
 */
class MemoryFlatnessTest {

  private static final int STEPS = 300;
  private static final long TOLERANCE_KIB = 128 * 1024;

  @Test
  void memoryStaysFlatOverManyGenerateAndTrainSteps() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc for RSS");
    try (LlamaModel model = Stories260K.model()) {
      List<Reading> readings = MemoryFlatness.run(model, STEPS, 50);
      readings.forEach(r -> System.out.println("memory flatness " + r));
      // Readings at steps 0, 50, ..., 300: the one at step 50 is after warm-up.
      assertThat(readings).hasSize(7);
      Reading warm = readings.get(1);
      Reading last = readings.get(readings.size() - 1);
      assertThat(last.step()).isEqualTo(STEPS);
      // Parameters plus AdamW's two moments per parameter, nothing from any step.
      int parameters = model.parameters().size();
      assertThat(warm.liveArrays()).isLessThanOrEqualTo(parameters * 3 + 16);
      assertThat(last.liveArrays()).isEqualTo(warm.liveArrays());
      // A leak grows every step, so even the lowest of the last three readings would show it;
      // the minimum ignores the one-off spikes of a Java heap expansion.
      long lateLowest =
          readings.subList(4, 7).stream().mapToLong(Reading::residentKiB).min().orElseThrow();
      assertThat(lateLowest - warm.residentKiB()).isLessThan(TOLERANCE_KIB);
    }
  }
}
