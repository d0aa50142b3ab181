package dev.sheaf.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.SparseModel;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code --sync lbfgs}: owns one slice of parameter rows at a trial point {@code x_t} (the step
 * job's output). Sums the map tasks' loss gradients in task order into the slice of the objective's
 * gradient {@code g_t = Σ ∇loss / n + l2·w} (the L2 on weights, not biases) and writes it; when the
 * trial steps from a point {@code x} with gradient {@code g}, also writes {@code s = x_t - x} and
 * {@code y = g_t - g}. Its dot products file holds the mean loss (in double, from the tasks' sums),
 * the slice's part of {@code (l2/2)|w_t|²} and of every dot product the driver's {@link Lbfgs}
 * needs: each new vector ({@code s, y, g_t}, or {@code g_t} alone) with each vector of the current
 * basis and with each other. All vectors are read and dotted as the floats stored, so the Gram
 * matrix describes the files exactly. Memory: the slice's sums (doubles), four float vectors and
 * one basis vector at a time.
 */
public class LbfgsReducer extends Reducer<SliceKey, SliceUpdate, NullWritable, NullWritable> {
  /** The checkpoint the trial steps from ({@code x}); unset for the first point's gradient. */
  public static final String BASE = "sheaf.train.lbfgs-base";

  /** The basis' slice directories, comma-separated, in {@link Lbfgs}' order (s..., y..., g). */
  public static final String BASIS = "sheaf.train.lbfgs-basis";

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.lbfgs.base", BASE);
    Configuration.addDeprecation("sheaf.train.lbfgs.basis", BASIS);
  }

  static final String GRADIENT = "gradient";
  static final String S = "s";
  static final String Y = "y";
  static final String DOTS = "dots";
  private static final ObjectMapper JSON = new ObjectMapper();
  private EpochSettings settings;
  private SparseModel model;

  @Override
  protected void setup(Context context) {
    settings = EpochSettings.from(context.getConfiguration());
    model = settings.model();
  }

  @Override
  protected void reduce(SliceKey key, Iterable<SliceUpdate> updates, Context context)
      throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    int slice = key.slice();
    int first = settings.sliceStart(slice);
    int end = settings.sliceStart(slice + 1);
    int offset = first * model.columns();
    SliceReducer.Sums sums = SliceReducer.sum(settings, first, end, updates);
    context.getCounter(TrainCounters.SLICE_EXAMPLES).increment(sums.examples());
    float[] point = read(conf, settings.previousModel(), first, end);
    float[] gradient = new float[point.length];
    double penalty = 0;
    for (int e = 0; e < point.length; e++) {
      boolean decayed = model.decayed(offset + e);
      gradient[e] =
          (float) (sums.values()[e] / sums.examples() + (decayed ? settings.l2() * point[e] : 0));
      penalty += decayed ? 0.5 * settings.l2() * point[e] * point[e] : 0;
    }
    write(context, GRADIENT, slice, first, end, gradient);
    String[] basis = conf.getTrimmedStrings(BASIS);
    float[][] fresh;
    if (conf.get(BASE) == null) {
      fresh = new float[][] {gradient};
    } else {
      float[] s = read(conf, conf.get(BASE), first, end);
      float[] y = read(conf, basis[basis.length - 1], first, end);
      for (int e = 0; e < point.length; e++) {
        s[e] = point[e] - s[e];
        y[e] = gradient[e] - y[e];
      }
      write(context, S, slice, first, end, s);
      write(context, Y, slice, first, end, y);
      fresh = new float[][] {s, y, gradient};
    }
    double[][] newOld = new double[fresh.length][basis.length];
    for (int b = 0; b < basis.length; b++) {
      dots(fresh, read(conf, basis[b], first, end), newOld, b);
    }
    double[][] newNew = new double[fresh.length][fresh.length];
    for (int a = 0; a < fresh.length; a++) {
      for (int b = 0; b <= a; b++) {
        newNew[a][b] = newNew[b][a] = dot(fresh[a], fresh[b]);
      }
    }
    context.getCounter(TrainCounters.NONFINITE_VALUES).increment(SliceReducer.nonFinite(gradient));
    ObjectNode dots = JSON.createObjectNode();
    dots.put("slice", slice);
    dots.put("penalty", penalty);
    // every slice sums the same tasks' losses in task order; the driver reads slice 0's
    dots.put("loss", sums.lossSum() / sums.examples());
    dots.set("newOld", JSON.valueToTree(newOld));
    dots.set("newNew", JSON.valueToTree(newNew));
    Path file =
        FileOutputFormat.getPathForWorkFile(
            context, DOTS + "/" + String.format("slice-%05d", slice), ".json");
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      JSON.writeValue(out, dots);
    }
  }

  private float[] read(Configuration conf, String dir, int first, int end) throws IOException {
    return ModelSlices.read(conf, new Path(dir), model, first, end, 0).params();
  }

  private void write(Context context, String name, int slice, int first, int end, float[] values)
      throws IOException, InterruptedException {
    Path file =
        FileOutputFormat.getPathForWorkFile(
            context, name + "/" + String.format("slice-%05d", slice), ModelSlices.SUFFIX);
    try (OutputStream out = file.getFileSystem(context.getConfiguration()).create(file, false)) {
      ModelSlices.write(
          out, first, end - first, model.columns(), 0, values, null, 0, values.length);
    }
  }

  /**
   * {@code out[n][column] = fresh[n]ᵀ old} for every n, in one pass over {@code old} (independent
   * sums the CPU overlaps), each in index order, so the same on every run.
   */
  static void dots(float[][] fresh, float[] old, double[][] out, int column) {
    double[] sums = new double[fresh.length];
    if (fresh.length == 3) {
      float[] a = fresh[0];
      float[] b = fresh[1];
      float[] c = fresh[2];
      double sa = 0;
      double sb = 0;
      double sc = 0;
      for (int i = 0; i < old.length; i++) {
        double o = old[i];
        sa += a[i] * o;
        sb += b[i] * o;
        sc += c[i] * o;
      }
      sums[0] = sa;
      sums[1] = sb;
      sums[2] = sc;
    } else {
      for (int n = 0; n < fresh.length; n++) {
        sums[n] = dot(fresh[n], old);
      }
    }
    for (int n = 0; n < fresh.length; n++) {
      out[n][column] = sums[n];
    }
  }

  /** {@code aᵀb} in double over floats, in index order (the same on every run). */
  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
