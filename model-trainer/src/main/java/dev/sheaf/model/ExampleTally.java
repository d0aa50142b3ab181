package dev.sheaf.model;

import org.apache.hadoop.mapreduce.Counter;

/**
 * What a mapper over examples reads, and which of them it cannot use: unlabeled ones (label -1,
 * kept by vectorize for prediction) and labels the model does not have. Counted in plain longs and
 * added to the job's counters once, at the task's end: no counter lookup per example.
 */
public final class ExampleTally {
  private final int labels;
  private long in;
  private long unlabeled;
  private long badLabels;

  /**
   * @param labels the model's label count: usable labels are {@code [0, labels)}
   */
  public ExampleTally(int labels) {
    this.labels = labels;
  }

  /** Counts {@code example}; whether its label is one of the model's. */
  public boolean usable(SparseExample example) {
    in++;
    if (example.label < 0) {
      unlabeled++;
      return false;
    }
    if (example.label >= labels) {
      badLabels++;
      return false;
    }
    return true;
  }

  /** Adds the counts to the job's counters of examples read, unlabeled and of an unknown label. */
  public void addTo(Counter examplesIn, Counter unlabeledExamples, Counter badLabelExamples) {
    examplesIn.increment(in);
    unlabeledExamples.increment(unlabeled);
    badLabelExamples.increment(badLabels);
  }
}
