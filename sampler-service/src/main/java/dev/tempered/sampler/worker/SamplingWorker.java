package dev.tempered.sampler.worker;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.sampler.config.SamplerProperties;
import dev.tempered.sampler.generation.EvalSampler;
import dev.tempered.sampler.generation.TrainSampler;
import dev.tempered.sampler.policy.Policy;
import dev.tempered.sampler.policy.PolicyStore;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one thread per JVM that touches models: DJL models are not safe for a forward pass running
 * while another thread loads weights. Kafka listeners hand their records here and wait, so offsets
 * are committed only after the candidates are published.
 */
public final class SamplingWorker implements AutoCloseable {

  private static final long SHUTDOWN_SECONDS = 30;

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sampler-model");
            t.setDaemon(true);
            return t;
          });
  private final SamplingEngine engine;

  public SamplingWorker(
      PolicyStore policies,
      TrainSampler train,
      EvalSampler eval,
      CandidateSink sink,
      SamplerEvents events,
      SamplerProperties properties) {
    this.engine = new SamplingEngine(policies, train, eval, sink, events, properties);
  }

  /** Samples or parks every input; the outcome names the positions that did neither. */
  public BatchOutcome accept(List<NoisyInput> inputs) {
    return call(() -> engine.accept(inputs));
  }

  public void onJob(JobRecord record) {
    call(
        () -> {
          engine.onJob(record);
          return null;
        });
  }

  public void onJobDeleted(String jobId) {
    call(
        () -> {
          engine.onJobDeleted(jobId);
          return null;
        });
  }

  public void onCheckpoint(CheckpointEvent event) {
    call(
        () -> {
          engine.onCheckpoint(event);
          return null;
        });
  }

  /**
   * Runs {@code work} on the model thread with the policy that {@code model} names: {@code
   * job:<jobId>} is the newest loaded policy of a job that has not ended, any other name the base
   * model of that name. The policy must not escape {@code work}.
   *
   * @throws UnknownPolicyException when no such job or model exists
   */
  public <T> T withPolicy(String model, Function<Policy, T> work) {
    return call(() -> work.apply(engine.policyNamed(model)));
  }

  private <T> T call(Callable<T> task) {
    Future<T> result = thread.submit(task);
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model thread", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("model thread failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() throws InterruptedException {
    // Native model memory is freed on the thread that used it, after any running task.
    thread.submit(engine::close);
    thread.shutdown();
    if (!thread.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
      thread.shutdownNow();
    }
  }
}
