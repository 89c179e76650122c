package dev.tempered.gateway.job;

import static dev.tempered.api.job.JobState.CANCELLED;
import static dev.tempered.api.job.JobState.CANCELLING;
import static dev.tempered.api.job.JobState.FAILED;
import static dev.tempered.api.job.JobState.PAUSED;
import static dev.tempered.api.job.JobState.QUEUED;
import static dev.tempered.api.job.JobState.RUNNING;
import static dev.tempered.api.job.JobState.SUCCEEDED;
import static dev.tempered.api.job.JobState.VALIDATING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.JobState;
import org.junit.jupiter.api.Test;

/** The whole table of DESIGN.md section 7, state by state. */
class JobTransitionsTest {

  @Test
  void eachStateMovesOnlyWhereTheDesignSays() {
    assertThat(JobTransitions.next(QUEUED))
        .containsExactlyInAnyOrder(VALIDATING, FAILED, CANCELLING);
    assertThat(JobTransitions.next(VALIDATING))
        .containsExactlyInAnyOrder(RUNNING, FAILED, CANCELLING);
    assertThat(JobTransitions.next(RUNNING))
        .containsExactlyInAnyOrder(PAUSED, SUCCEEDED, FAILED, CANCELLING);
    assertThat(JobTransitions.next(PAUSED)).containsExactlyInAnyOrder(RUNNING, FAILED, CANCELLING);
    assertThat(JobTransitions.next(CANCELLING)).containsExactly(CANCELLED);
    for (JobState terminal : new JobState[] {SUCCEEDED, FAILED, CANCELLED}) {
      assertThat(JobTransitions.next(terminal)).as("%s", terminal).isEmpty();
    }
  }

  @Test
  void everyNonTerminalStateCanBeCancelledAndNoStateMovesToItself() {
    for (JobState state : JobState.values()) {
      assertThat(JobTransitions.allowed(state, state)).as("%s -> itself", state).isFalse();
      boolean cancellable = !state.isTerminal() && state != CANCELLING;
      assertThat(JobTransitions.allowed(state, CANCELLING)).as("%s", state).isEqualTo(cancellable);
    }
  }
}
