package dev.tempered.gateway.job;

import dev.tempered.api.job.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One page of the job list, newest submission first, filtered by state. The cursor is opaque to
 * clients: it encodes the submission time and id of the page's last job, so that a page stays
 * correct while new jobs arrive in front.
 */
final class JobPages {

  /** Newest submission first; ties (and unknown times, last) in id order. */
  static final Comparator<Key> ORDER =
      Comparator.comparing(
              Key::submittedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .reversed()
          .thenComparing(Key::jobId);

  record Key(Instant submittedAt, String jobId) {}

  private JobPages() {}

  /**
   * @param cursor null for the first page
   * @param states empty for every state
   */
  static JobList page(List<JobEntry> jobs, Set<JobState> states, String cursor, int limit) {
    Key after = cursor == null ? null : decode(cursor);
    List<JobEntry> matching =
        jobs.stream()
            .filter(e -> states.isEmpty() || states.contains(e.record().state()))
            .sorted(Comparator.comparing(JobPages::key, ORDER))
            .filter(e -> after == null || ORDER.compare(key(e), after) > 0)
            .toList();
    List<JobEntry> page = matching.subList(0, Math.min(limit, matching.size()));
    String next = matching.size() > limit ? encode(key(page.get(page.size() - 1))) : null;
    return new JobList(page.stream().map(JobViews::of).toList(), next);
  }

  private static Key key(JobEntry entry) {
    return new Key(entry.record().submittedAt(), entry.record().jobId());
  }

  static String encode(Key key) {
    String text =
        (key.submittedAt() == null ? "" : key.submittedAt().toString()) + "|" + key.jobId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Key decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      if (bar < 0) {
        throw new IllegalArgumentException("no separator");
      }
      String at = text.substring(0, bar);
      return new Key(at.isEmpty() ? null : Instant.parse(at), text.substring(bar + 1));
    } catch (RuntimeException e) {
      throw new InvalidRequestException("cursor", "not a cursor returned by this API");
    }
  }
}
