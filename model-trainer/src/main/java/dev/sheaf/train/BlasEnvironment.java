package dev.sheaf.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.MRConfig;

/**
 * The environment an epoch job's tasks give ND4J's native code. A YARN container gets only the
 * variables YARN whitelists and those the job names in {@code mapreduce.{map,reduce}.env}, so
 * without this a task's OpenBLAS picks its own kernel (the client's {@code OPENBLAS_CORETYPE} is
 * not passed), and the MLP's dense products ({@code mmul} in the map tasks) round differently from
 * an embedded run, whose tasks share the client JVM's environment. Each task gets:
 *
 * <ul>
 *   <li>{@code OMP_NUM_THREADS} and {@code OPENBLAS_NUM_THREADS}: the task's vcores ({@code
 *       mapreduce.{map,reduce}.cpu.vcores}, default 1), not every core of the node;
 *   <li>{@link #KERNEL_VARIABLES} ({@code OPENBLAS_CORETYPE}, {@code OPENBLAS_L2_SIZE}): the
 *       client's values, where its environment has them, unless {@link #INHERIT} is false.
 * </ul>
 *
 * The user's own setting wins: a variable is added only where neither the env list ({@code
 * mapreduce.map.env}, or {@code mapred.child.env} where that is unset) nor a {@code
 * mapreduce.map.env.NAME} property names it, nor the cluster's {@code mapreduce.admin.user.env};
 * the user's other entries are kept. Names are read as Hadoop reads them (mapred-default.xml's
 * {@code mapreduce.map.env}, YARN's {@code Apps.setEnvFromInputProperty}: {@code NAME=value}
 * entries separated by commas, each name at the start of the list or right after a comma). A value
 * with a comma cannot travel in that list, and no OpenBLAS setting has one: such a client value is
 * not passed. OpenBLAS reads {@code OPENBLAS_CORETYPE} once, when it loads, and does not check a
 * forced kernel against the CPU ({@code force_coretype} in its {@code driver/others/dynamic.c}).
 */
final class BlasEnvironment {
  /** Whether tasks get the client's {@link #KERNEL_VARIABLES} (default true). */
  static final String INHERIT = "sheaf.train.blas-inherit-env";

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.blas.inherit-env", INHERIT);
  }

  /** The variables that choose OpenBLAS's kernel, and with it how a product rounds. */
  static final List<String> KERNEL_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

  /** The variables that size the native thread pools. */
  static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS");

  /**
   * Hadoop's fallback for both task types' lists (deprecated, still read by the MR application
   * master).
   */
  private static final String CHILD_ENV = "mapred.child.env";

  /** The cluster's entries, set before the user's in every task. */
  private static final String ADMIN_ENV = "mapreduce.admin.user.env";

  /**
   * An entry of an env list: a name, at the start or after a comma, then {@code =} and the value up
   * to the next comma.
   */
  private static final Pattern ENTRY = Pattern.compile("(?<=^|,)([A-Za-z_][A-Za-z0-9_]*)=([^,]*)");

  private static final String[] TASKS = {"map", "reduce"};

  private BlasEnvironment() {}

  /**
   * Adds the thread and kernel variables to {@code mapreduce.map.env} and {@code
   * mapreduce.reduce.env} of {@code jobConf} as described above. {@code clientEnv} is the client
   * JVM's environment ({@code System.getenv()} in production); the thread counts are the task's
   * vcores as configured (a count, as text). Changes nothing but those two keys, sets a key only
   * when it adds something, and throws nothing.
   */
  /** Whether tasks get the client's kernel variables ({@link #INHERIT}, default true). */
  static boolean inherits(Configuration jobConf) {
    return jobConf.getBoolean(INHERIT, true);
  }

  static void apply(Configuration jobConf, Map<String, String> clientEnv) {
    boolean inherit = inherits(jobConf);
    for (String task : TASKS) {
      String key = envKey(task);
      String userList = userList(jobConf, key);
      Set<String> named = taskEnv(jobConf, key).keySet();
      List<String> added = new ArrayList<>();
      String vcores = jobConf.get("mapreduce." + task + ".cpu.vcores", "1");
      for (String variable : THREAD_VARIABLES) {
        if (!named.contains(variable)) {
          added.add(variable + "=" + vcores);
        }
      }
      if (inherit) {
        for (String variable : KERNEL_VARIABLES) {
          String value = clientEnv.get(variable);
          if (value != null
              && !value.isBlank()
              && !value.contains(",")
              && !named.contains(variable)) {
            added.add(variable + "=" + value);
          }
        }
      }
      if (!added.isEmpty()) {
        jobConf.set(key, (userList.isBlank() ? "" : userList + ",") + String.join(",", added));
      }
    }
  }

  /**
   * The {@link #KERNEL_VARIABLES} an epoch job's map tasks (where the MLP's products run) get from
   * the job, name to value in name order; empty when none. Embedded (the framework is {@code
   * local}), the tasks run in the client JVM, so these are the client's own; on a cluster, what
   * {@link #apply} gives {@code jobConf} (a variable the node's own environment sets, outside the
   * job, is not seen). {@code jobConf} is not changed.
   */
  static Map<String, String> mapTaskKernel(Configuration jobConf, Map<String, String> clientEnv) {
    Map<String, String> kernel = new TreeMap<>();
    if (MRConfig.LOCAL_FRAMEWORK_NAME.equals(
        jobConf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME))) {
      for (String variable : KERNEL_VARIABLES) {
        if (clientEnv.get(variable) != null && !clientEnv.get(variable).isBlank()) {
          kernel.put(variable, clientEnv.get(variable));
        }
      }
      return kernel;
    }
    Configuration applied = new Configuration(jobConf);
    apply(applied, clientEnv);
    Map<String, String> env = taskEnv(applied, envKey("map"));
    for (String variable : KERNEL_VARIABLES) {
      if (env.containsKey(variable)) {
        kernel.put(variable, env.get(variable));
      }
    }
    return kernel;
  }

  private static String envKey(String task) {
    return "mapreduce." + task + ".env";
  }

  /**
   * The list the task reads: its own key, else {@code mapred.child.env}; blank when neither is set.
   */
  private static String userList(Configuration jobConf, String key) {
    return jobConf.get(key, jobConf.get(CHILD_ENV, ""));
  }

  /**
   * What the job's settings give a task's environment, name to value, in Hadoop's order: the
   * admin's list and properties, then the user's list and properties (a later one wins).
   */
  private static Map<String, String> taskEnv(Configuration jobConf, String key) {
    Map<String, String> env = new TreeMap<>();
    putEntries(env, jobConf.get(ADMIN_ENV, ""));
    env.putAll(jobConf.getPropsWithPrefix(ADMIN_ENV + "."));
    putEntries(env, userList(jobConf, key));
    env.putAll(jobConf.getPropsWithPrefix(key + "."));
    return env;
  }

  private static void putEntries(Map<String, String> env, String list) {
    Matcher entry = ENTRY.matcher(list);
    while (entry.find()) {
      env.put(entry.group(1), entry.group(2));
    }
  }
}
