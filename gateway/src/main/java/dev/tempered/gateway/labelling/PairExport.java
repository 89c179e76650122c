package dev.tempered.gateway.labelling;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's labelled pairs as preference JSON lines in the {@code {"prompt", "chosen", "rejected"}}
 * layout that DPO and reward-model jobs read (TRL's explicit-prompt preference format), in the
 * order the pairs were offered. The prompt is the noisy one: both candidates answer it. Ties, skips
 * and pending pairs say nothing about which answer is better and are left out, counted.
 *
 * @param jsonl one pair a line, each line ending in a newline
 */
public record PairExport(String jsonl, int exported, int ties, int skipped, int pending) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One exported line; Jackson writes a record's fields in declaration order. */
  record Line(String prompt, String chosen, String rejected) {}

  static PairExport of(List<PairEntry> pairs) {
    StringBuilder out = new StringBuilder();
    int exported = 0;
    int ties = 0;
    int skipped = 0;
    int pending = 0;
    for (PairEntry e : pairs) {
      if (e.pending()) {
        pending++;
      } else if (Labels.TIE.equals(e.label())) {
        ties++;
      } else if (Labels.SKIP.equals(e.label())) {
        skipped++;
      } else {
        out.append(JSON.writeValueAsString(line(e))).append('\n');
        exported++;
      }
    }
    return new PairExport(out.toString(), exported, ties, skipped, pending);
  }

  private static Line line(PairEntry e) {
    boolean aWins = Labels.A.equals(e.label());
    String a = e.pair().a();
    String b = e.pair().b();
    return new Line(e.pair().noisyPrompt(), aWins ? a : b, aWins ? b : a);
  }
}
