package dev.sheaf.train;

import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.SparseModel;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code --sync lbfgs}'s step job, map only, one task per parameter slice (a line of the slice
 * list, through {@code NLineInputFormat}): writes the slice of the trial point {@code x_t = x + Σ_b
 * c_b v_b}, where {@code x} is the checkpoint {@link LbfgsReducer#BASE}, {@code v_b} the basis
 * vectors {@link LbfgsReducer#BASIS} and {@code c_b} the coefficients {@link #COEFFICIENTS} (the
 * step length times {@link Lbfgs#direction}). Sums in double, basis vector by basis vector, so a
 * task holds the slice twice and one basis vector's slice.
 */
public class StepMapper extends Mapper<LongWritable, Text, NullWritable, NullWritable> {
  /** The basis coefficients, comma-separated, as {@link Double#toString} writes them (exact). */
  public static final String COEFFICIENTS = "sheaf.train.lbfgs-coefficients";

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.lbfgs.coefficients", COEFFICIENTS);
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context)
      throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    EpochSettings settings = EpochSettings.from(conf);
    SparseModel model = settings.model();
    int slice = Integer.parseInt(line.toString().trim());
    int first = settings.sliceStart(slice);
    int end = settings.sliceStart(slice + 1);
    float[] base =
        ModelSlices.read(conf, new Path(conf.get(LbfgsReducer.BASE)), model, first, end, 0)
            .params();
    String[] basis = conf.getTrimmedStrings(LbfgsReducer.BASIS);
    String[] coefficients = conf.getTrimmedStrings(COEFFICIENTS);
    if (coefficients.length != basis.length) {
      throw new IOException(
          "the step job has "
              + basis.length
              + " basis vectors and "
              + coefficients.length
              + " coefficients");
    }
    double[] point = new double[base.length];
    for (int e = 0; e < base.length; e++) {
      point[e] = base[e];
    }
    for (int b = 0; b < basis.length; b++) {
      double coefficient = Double.parseDouble(coefficients[b]);
      if (coefficient == 0) {
        continue;
      }
      float[] vector = ModelSlices.read(conf, new Path(basis[b]), model, first, end, 0).params();
      for (int e = 0; e < vector.length; e++) {
        point[e] += coefficient * vector[e];
      }
    }
    for (int e = 0; e < base.length; e++) {
      base[e] = (float) point[e];
    }
    context.getCounter(TrainCounters.NONFINITE_VALUES).increment(SliceReducer.nonFinite(base));
    Path file =
        FileOutputFormat.getPathForWorkFile(
            context, String.format("slice-%05d", slice), ModelSlices.SUFFIX);
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      ModelSlices.write(out, first, end - first, model.columns(), 0, base, null, 0, base.length);
    }
  }
}
