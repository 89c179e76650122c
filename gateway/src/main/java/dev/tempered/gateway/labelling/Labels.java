package dev.tempered.gateway.labelling;

import java.util.List;

/** The labels a pair can get and the statuses a pair can be in. */
final class Labels {

  static final String A = "a";
  static final String B = "b";
  static final String TIE = "tie";
  static final String SKIP = "skip";
  static final List<String> ALL = List.of(A, B, TIE, SKIP);

  static final String PENDING = "pending";
  static final String LABELLED = "labelled";
  static final List<String> STATUSES = List.of(PENDING, LABELLED);

  private Labels() {}
}
