package dev.sheaf.train;

import dev.sheaf.common.UsageException;
import dev.sheaf.model.ModelSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.MRConfig;

/**
 * Sizes an epoch job's containers from the model, so a wide model does not die of the cluster's
 * default 1 GiB map container: a map task holds the model it loaded (parameters and, in average
 * mode, optimizer state), its working copy (parameters, batch gradient and state side by side) or
 * in gradient mode a double gradient sum, plus the sort buffer and a base; a reduce task holds its
 * slice the same way. Raises {@code mapreduce.{map,reduce}.memory.mb} and the heap only where the
 * estimate is above what is configured, and never where the user set them.
 */
final class TaskMemory {
  static final long BASE_BYTES = 256L << 20;

  /** Container memory over heap: metaspace, threads, ND4J's off-heap buffers. */
  static final double CONTAINER_OVERHEAD = 1.3;

  private TaskMemory() {}

  static long mapHeapBytes(EpochSettings settings, Configuration conf) {
    long params = settings.model().parameterCount();
    int stateArrays = settings.mapStateArrays();
    long loaded = 4 * params * (1 + stateArrays);
    long working =
        settings.sync() == SyncMode.AVERAGE ? 4 * params * (2 + stateArrays) : 8 * params;
    long sortBuffer = (long) conf.getInt("mapreduce.task.io.sort.mb", 100) << 20;
    return loaded + working + sortBuffer + BASE_BYTES;
  }

  static long reduceHeapBytes(EpochSettings settings) {
    long slice = settings.model().parameterCount() / settings.slices() + settings.model().columns();
    int stateArrays = settings.optimizer().stateArrays();
    // the slice and its state as read, the sums in double, the ND4J step's copies
    return 4 * slice * (1 + stateArrays)
        + 8 * slice * (1 + settings.mapStateArrays())
        + 8 * slice * (1 + stateArrays)
        + BASE_BYTES;
  }

  /**
   * The most elements a Java array holds on HotSpot; parameters and each state array are one array.
   */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * Refuses, in one line naming {@code --dim}, the labels and the figures, a model whose parameters
   * do not fit one Java array (a task holds them so), before anything is written.
   *
   * @throws UsageException when {@code parameters} exceeds {@link #MAX_ARRAY}
   */
  static void checkArraySize(ModelSpec spec) {
    if (spec.model().parameterCount() > MAX_ARRAY) {
      throw new UsageException(
          String.format(
              java.util.Locale.ROOT,
              "the model has %,d parameters (--dim %d x %d labels%s), "
                  + "more than a task can hold (%,d); lower --dim (vectorize --dim or --max-vocab)",
              spec.model().parameterCount(),
              spec.dim(),
              spec.labels(),
              spec.hidden().isEmpty() ? "" : ", --hidden " + spec.hidden(),
              MAX_ARRAY));
    }
  }

  /**
   * Sizes the epoch job's containers, after checking that a map task's estimated heap fits what it
   * can get: this JVM's heap in embedded mode (tasks run inside it), else YARN's largest container
   * ({@code yarn.scheduler.maximum-allocation-mb}, 8 GiB by default).
   *
   * @throws UsageException naming the model's size and the memory when it does not fit
   */
  static void apply(Configuration conf, EpochSettings settings) {
    long mapHeap = mapHeapBytes(settings, conf);
    boolean embedded =
        MRConfig.LOCAL_FRAMEWORK_NAME.equals(
            conf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME));
    long available =
        embedded
            ? Runtime.getRuntime().maxMemory()
            : (long)
                    (conf.getLong("yarn.scheduler.maximum-allocation-mb", 8192)
                        / CONTAINER_OVERHEAD)
                << 20;
    if (mapHeap > available) {
      ModelSpec spec = settings.spec();
      throw new UsageException(
          String.format(
              java.util.Locale.ROOT,
              "a map task of this model (%,d parameters: --dim %d x %d "
                  + "labels, --optimizer %s, --sync %s) needs about %,d MiB of heap, and %s gives %,d MiB; lower --dim or %s",
              settings.model().parameterCount(),
              spec.dim(),
              spec.labels(),
              settings.optimizer().name().toLowerCase(java.util.Locale.ROOT),
              settings.sync().name().toLowerCase(java.util.Locale.ROOT),
              mapHeap >> 20,
              embedded ? "this JVM (embedded mode)" : "YARN's largest container",
              available >> 20,
              embedded
                  ? "give the JVM more (SHEAF_JAVA_OPTS=-Xmx...)"
                  : "raise yarn.scheduler.maximum-allocation-mb"));
    }
    raise(conf, "map", mapHeap);
    raise(conf, "reduce", reduceHeapBytes(settings));
  }

  private static void raise(Configuration conf, String task, long heapBytes) {
    String memoryKey = "mapreduce." + task + ".memory.mb";
    String optsKey = "mapreduce." + task + ".java.opts";
    if (userSet(conf, memoryKey) || userSet(conf, optsKey)) {
      return;
    }
    long heapMb = (heapBytes + (1 << 20) - 1) >> 20;
    long containerMb = (long) Math.ceil(heapMb * CONTAINER_OVERHEAD);
    long configured = conf.getLong(memoryKey, -1);
    // -1, Hadoop's default, means 1 GiB (or what java.opts implies, which we checked is unset)
    if (containerMb > (configured > 0 ? configured : 1024)) {
      conf.setLong(memoryKey, containerMb);
      conf.set(optsKey, "-Xmx" + heapMb + "m");
    }
  }

  /** Whether {@code key} comes from anywhere but Hadoop's own defaults. */
  private static boolean userSet(Configuration conf, String key) {
    String[] sources = conf.getPropertySources(key);
    if (sources == null) {
      return false;
    }
    for (String source : sources) {
      if (!source.endsWith("-default.xml")) {
        return true;
      }
    }
    return false;
  }
}
