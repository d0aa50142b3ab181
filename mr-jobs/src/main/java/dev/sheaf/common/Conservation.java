package dev.sheaf.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The check every stage runs after its job: every record read is accounted for, as output, filtered
 * (by reason), duplicate or rejected. A stage whose numbers do not add up fails.
 */
public final class Conservation {
  private final String stage;
  private final long recordsIn;
  private final Map<String, Long> outcomes = new LinkedHashMap<>();

  public Conservation(String stage, long recordsIn) {
    this.stage = stage;
    this.recordsIn = recordsIn;
  }

  /** Adds one destination of records, named as the summary line prints it. */
  public Conservation add(String outcome, long records) {
    outcomes.merge(outcome, records, Long::sum);
    return this;
  }

  /** Throws {@link StageFailedException} unless {@code in = sum of outcomes}. */
  public void check() {
    long accounted = outcomes.values().stream().mapToLong(Long::longValue).sum();
    if (accounted != recordsIn) {
      throw new StageFailedException(
          stage
              + ": records do not add up: "
              + recordsIn
              + " in, but "
              + describe()
              + " = "
              + accounted
              + "; the output is incomplete, do not use it");
    }
  }

  /** {@code 290 kept, 8 exact duplicates, 2 rejected}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> outcome : outcomes.entrySet()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(outcome.getValue()).append(' ').append(outcome.getKey());
    }
    return text.toString();
  }

  /** The stage whose records these are, as its summary line names it. */
  public String stage() {
    return stage;
  }

  public long recordsIn() {
    return recordsIn;
  }

  public Map<String, Long> outcomes() {
    return Map.copyOf(outcomes);
  }
}
