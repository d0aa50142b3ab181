package dev.sheaf.common;

/**
 * A stage ran but its result cannot be trusted: the job failed, or its counters do not add up. The
 * CLI prints its message as one line and exits 1.
 */
public final class StageFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StageFailedException(String message) {
    super(message);
  }
}
