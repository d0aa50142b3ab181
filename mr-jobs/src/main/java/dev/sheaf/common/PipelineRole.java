package dev.sheaf.common;

/**
 * Whether {@code sheaf pipeline} sets an option of a stage itself or lets its properties set it.
 */
public enum PipelineRole {
  /** The properties file and {@code --set} may set it. */
  SETTABLE,
  /** The pipeline always sets it (where a stage reads and writes, and how it reruns). */
  MANAGED,
  /**
   * How raw records are read: the first stage's business (its properties may set it); the later
   * stages read the previous stage's Avro, so the pipeline manages it there.
   */
  MANAGED_AFTER_RAW_INPUT;

  /**
   * Whether the pipeline sets the option itself in a stage.
   *
   * @param readsRawInput whether the stage is the one that reads the raw input
   */
  public boolean managed(boolean readsRawInput) {
    return switch (this) {
      case SETTABLE -> false;
      case MANAGED -> true;
      case MANAGED_AFTER_RAW_INPUT -> !readsRawInput;
    };
  }
}
