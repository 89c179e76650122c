package dev.tempered.gateway.labelling;

/** A pair already has a label other than the one asked for; labels are never overwritten. */
public class LabelConflictException extends RuntimeException {

  private final String pairId;
  private final String label;

  public LabelConflictException(String pairId, String label, String asked) {
    super("pair '" + pairId + "' is already labelled '" + label + "', not '" + asked + "'");
    this.pairId = pairId;
    this.label = label;
  }

  public String pairId() {
    return pairId;
  }

  public String label() {
    return label;
  }
}
