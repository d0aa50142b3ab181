package dev.sheaf.common;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * Embedded mode's task errors. LocalJobRunner reports a failed task only by logging its exception
 * (no task diagnostics, no failure info), so this appender on its logger keeps the last one for the
 * one-line error, and keeps the stack trace off the console unless {@code --verbose}.
 */
public final class LocalJobFailures extends AppenderSkeleton {
  private static final LocalJobFailures INSTANCE = new LocalJobFailures();
  private static final String LOCAL_JOB_RUNNER = "org.apache.hadoop.mapred.LocalJobRunner";
  private volatile String lastFailure;

  private LocalJobFailures() {}

  /** Attaches the appender; with {@code echo} the runner's log also reaches the console. */
  public static synchronized void install(boolean echo) {
    Logger logger = Logger.getLogger(LOCAL_JOB_RUNNER);
    logger.removeAppender(INSTANCE);
    logger.addAppender(INSTANCE);
    logger.setLevel(echo ? Level.INFO : Level.WARN);
    logger.setAdditivity(echo);
    INSTANCE.lastFailure = null;
  }

  /** The root cause of the last task failure LocalJobRunner logged, or null. */
  public static String lastFailure() {
    return INSTANCE.lastFailure;
  }

  @Override
  protected void append(LoggingEvent event) {
    ThrowableInformation info = event.getThrowableInformation();
    if (info == null || info.getThrowable() == null) {
      return;
    }
    Throwable root = info.getThrowable();
    for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DocumentInputFormat.InputFailureException) {
        lastFailure = t.getMessage();
        return;
      }
      root = t;
    }
    lastFailure =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  @Override
  public void close() {}

  @Override
  public boolean requiresLayout() {
    return false;
  }
}
