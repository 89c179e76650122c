package dev.tempered.gateway.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.LabellingEvent.OfferedPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairExportTest {

  private static PairEntry entry(long seq, String a, String b, String label) {
    OfferedPair pair =
        new OfferedPair(
            "p" + seq, "g", 1, "clean " + seq, "noisy \"" + seq + "\"", a, b, "a", 1, 0);
    return new PairEntry(seq, "id" + seq, Instant.EPOCH, pair, label, null);
  }

  @Test
  void labelledPairsBecomeChosenAndRejectedTiesSkipsAndPendingAreCounted() {
    PairExport export =
        PairExport.of(
            List.of(
                entry(1, "x", "y", "a"),
                entry(2, "x", "y", "b"),
                entry(3, "x", "y", "tie"),
                entry(4, "x", "y", "skip"),
                entry(5, "x", "y", null)));

    assertThat(export.jsonl())
        .isEqualTo(
            "{\"prompt\":\"noisy \\\"1\\\"\",\"chosen\":\"x\",\"rejected\":\"y\"}\n"
                + "{\"prompt\":\"noisy \\\"2\\\"\",\"chosen\":\"y\",\"rejected\":\"x\"}\n");
    assertThat(export.exported()).isEqualTo(2);
    assertThat(export.ties()).isEqualTo(1);
    assertThat(export.skipped()).isEqualTo(1);
    assertThat(export.pending()).isEqualTo(1);
  }
}
