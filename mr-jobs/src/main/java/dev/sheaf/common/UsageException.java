package dev.sheaf.common;

/**
 * A mistake the user can fix from the command line: a bad or missing option, an input path that
 * does not exist, an output that already exists. The CLI prints its message as one line and exits
 * 2.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
