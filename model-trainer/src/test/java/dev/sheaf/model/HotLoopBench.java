package dev.sheaf.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The map task's per-example work without Hadoop around it, one thread: decoding a shard file (into
 * one reused example, as the map task does), one ND4J updater call on packed arrays, then training
 * on the decoded examples (the shuffle buffer's copy, scores, gradient, optimizer), timed apart and
 * repeated until warm. Run by bench/train-hot-loop.sh; prints examples/s. With HIDDEN (as 64 or
 * 128,64) the training part is the MLP's (relu, no dropout). Usage: HotLoopBench SHARD_FILE DIM
 * LABELS [OPTIMIZER] [BATCH] [HIDDEN]
 */
public final class HotLoopBench {
  private HotLoopBench() {}

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    Path file = new Path(args[0]);
    int dim = Integer.parseInt(args[1]);
    int labels = Integer.parseInt(args[2]);
    OptimizerKind optimizer = OptimizerKind.parse(args.length > 3 ? args[3] : "adagrad");
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    FileStatus status = file.getFileSystem(conf).getFileStatus(file);
    List<SparseExample> examples = new ArrayList<>();
    long nonZeros = 0;
    for (int round = 0; round < 6; round++) {
      long count = 0;
      nonZeros = 0;
      long start = System.nanoTime();
      try (ExampleInputFormat.Reader reader = new ExampleInputFormat.Reader()) {
        reader.open(conf, file, 0, status.getLen());
        while (reader.nextKeyValue()) {
          count++;
          nonZeros += reader.getCurrentKey().size;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "decode round %d: %d examples in %.3f s: %.0f examples/s (%.0f non-zeros an example)%n",
          round, count, seconds, count / seconds, nonZeros / (double) count);
    }
    try (ExampleInputFormat.Reader reader = new ExampleInputFormat.Reader()) {
      reader.open(conf, file, 0, status.getLen());
      while (reader.nextKeyValue()) {
        SparseExample copy = new SparseExample();
        copy.copyFrom(reader.getCurrentKey());
        examples.add(copy);
      }
    }
    // what one ND4J updater call costs on packed arrays: why the map side's steps are plain loops
    for (int n : new int[] {1_000, 30_000}) {
      Optimizer nd4j = new Optimizer(optimizer, 0.5);
      float[] gradient = new float[n];
      float[] packed = new float[optimizer.stateArrays() * n];
      long start = 0;
      for (int call = 0; call < 1200; call++) {
        if (call == 200) {
          start = System.nanoTime();
        }
        nd4j.step(gradient, packed, n, call, 0);
      }
      System.out.printf(
          "ND4J %s updater call on %,d values: %.0f us%n",
          optimizer.optionName(), n, (System.nanoTime() - start) / 1000 / 1e3);
    }
    SparseModel model =
        args.length > 5
            ? new ModelSpec(
                    Arch.MLP,
                    dim,
                    labels,
                    java.util.Arrays.stream(args[5].split(",")).map(Integer::valueOf).toList(),
                    Activation.RELU,
                    0)
                .model()
            : new LinearModel(Arch.forLabels(labels), dim, labels);
    int count = (int) model.parameterCount();
    float[] params = model.initialParams(42);
    float[] state = new float[optimizer.stateArrays() * count];
    String name =
        args.length > 5 ? "mlp " + args[5] + " " + optimizer.optionName() : optimizer.optionName();
    for (int round = 0; round < 8; round++) {
      Trainer trainer =
          model.trainer(params, state, new TrainerSettings(optimizer, 0.5, 1e-6, batch, 0, 1));
      long start = System.nanoTime();
      for (SparseExample example : examples) {
        trainer.add(example);
      }
      trainer.finish();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "train round %d (%s, batch %d): %.3f s: %.0f examples/s, %.1f ns a non-zero%n",
          round, name, batch, seconds, examples.size() / seconds, seconds * 1e9 / nonZeros);
    }
  }
}
