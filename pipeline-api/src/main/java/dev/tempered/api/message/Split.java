package dev.tempered.api.message;

/** Whether a prompt is trained on or held out for evaluation only. */
public enum Split {
  TRAIN,
  EVAL
}
