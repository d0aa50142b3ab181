package dev.sheaf.cli;

import dev.sheaf.clean.CleanJob;
import dev.sheaf.common.LocalJobFailures;
import dev.sheaf.common.NioLocalFileSystem;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.UsageException;
import dev.sheaf.dedupe.DedupeJob;
import dev.sheaf.export.ExportCommand;
import dev.sheaf.inspect.InspectCommand;
import dev.sheaf.shard.ShardJob;
import dev.sheaf.vectorize.VectorizeJob;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.util.ConfigUtil;
import org.apache.hadoop.util.ToolRunner;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;

/**
 * The {@code sheaf} entry point: {@code sheaf [--verbose] COMMAND [GENERIC OPTIONS] [OPTIONS]}.
 * Looks the command up, runs it through {@link ToolRunner}, and turns failures into one line on
 * stderr: exit 2 for usage errors, 1 for failed stages; stack traces only with {@code --verbose}.
 */
public final class Sheaf {
  private static final Map<String, Supplier<SheafCommand>> COMMANDS = new LinkedHashMap<>();

  static {
    register(DedupeJob::new);
    register(CleanJob::new);
    register(VectorizeJob::new);
    register(ShardJob::new);
    register(ExportCommand::new);
    register(InspectCommand::new);
    // commands of other Sheaf jars on the class path (the trainer's train, evaluate, quickstart)
    for (SheafCommand command : ServiceLoader.load(SheafCommand.class)) {
      Class<? extends SheafCommand> type = command.getClass();
      register(() -> newInstance(type));
    }
  }

  /** The share of the heap a reduce task may keep fetched map outputs in while it reduces. */
  static final String REDUCE_INPUT_BUFFER_PERCENT = "mapreduce.reduce.input.buffer.percent";

  /** Client poll interval in embedded runs; Hadoop's 5 s default makes a 1 s job take 6 s. */
  static final int EMBEDDED_POLL_INTERVAL_MS = 20;

  /** The implementation of {@code file:} URIs (Hadoop's key). */
  static final String LOCAL_FILE_SYSTEM = "fs.file.impl";

  private Sheaf() {}

  private static void register(Supplier<SheafCommand> command) {
    COMMANDS.put(command.get().name(), command);
  }

  private static SheafCommand newInstance(Class<? extends SheafCommand> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the command " + type.getName(), e);
    }
  }

  /** The names of the commands on the class path, in registration order. */
  public static List<String> commandNames() {
    return List.copyOf(COMMANDS.keySet());
  }

  /** A new instance of the command {@code name}, or null where no jar on the class path has it. */
  public static SheafCommand command(String name) {
    Supplier<SheafCommand> command = COMMANDS.get(name);
    return command == null ? null : command.get();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; never exits the JVM (tests call this). */
  public static int run(String[] args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean verbose = rest.remove("--verbose");
    LogManager.getRootLogger().setLevel(verbose ? Level.INFO : Level.WARN);
    LocalJobFailures.install(verbose);
    PrintStream err = System.err;
    if (rest.isEmpty()) {
      printUsage(err);
      return 2;
    }
    String name = rest.remove(0);
    if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
      printUsage(System.out);
      return 0;
    }
    Supplier<SheafCommand> command = COMMANDS.get(name);
    if (command == null) {
      err.println(
          "sheaf: unknown command '"
              + name
              + "'; the commands are "
              + String.join(", ", COMMANDS.keySet())
              + " (sheaf --help)");
      return 2;
    }
    try {
      return runCommand(name, command.get(), rest, verbose, err);
    } finally {
      if (verbose) {
        err.printf("sheaf: peak heap used %d MiB%n", peakHeapBytes() >> 20);
      }
    }
  }

  private static int runCommand(
      String name, SheafCommand command, List<String> args, boolean verbose, PrintStream err) {
    try {
      return ToolRunner.run(configuration(), command, args.toArray(new String[0]));
    } catch (UsageException e) {
      err.println("sheaf " + name + ": " + e.getMessage() + " (see sheaf " + name + " --help)");
      return 2;
    } catch (StageFailedException e) {
      err.println("sheaf " + name + ": " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    } catch (Exception | LinkageError e) {
      err.println("sheaf " + name + ": failed: " + describe(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The sum of the heap pools' peak usage since the JVM started (benchmarks read it). */
  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /**
   * The Hadoop configuration commands start from. Where no cluster is configured (the framework is
   * {@code local}: embedded mode) it tunes LocalJobRunner: one map and reduce slot and one reduce
   * task per core, reduce inputs kept in memory (at most half the heap in all), and a short client
   * poll interval.
   */
  public static Configuration configuration() {
    // mapred-site.xml tells whether a cluster is configured; make sure it is read
    ConfigUtil.loadResources();
    Configuration conf = new Configuration();
    if (MRConfig.LOCAL_FRAMEWORK_NAME.equals(
        conf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME))) {
      int cores = Runtime.getRuntime().availableProcessors();
      // set, not setIfUnset: mapred-default.xml's values count as set; -D still wins (applied
      // later)
      conf.setInt("mapreduce.local.map.tasks.maximum", cores);
      conf.setInt("mapreduce.local.reduce.tasks.maximum", cores);
      // one reducer (Hadoop's default) would leave the other cores idle in every reduce phase
      conf.setInt("mapreduce.job.reduces", cores);
      // a reduce task per shard costs more to start than writing its shard: a range of shards a
      // core
      conf.setInt(ShardJob.REDUCERS, cores);
      // map outputs already fetched into memory stay there for the reduce (Hadoop's default, 0,
      // first merges them all to disk and reads them back): half the heap, shared by the reducers
      conf.setFloat(REDUCE_INPUT_BUFFER_PERCENT, 0.5f / cores);
      conf.setInt("mapreduce.client.completion.pollinterval", EMBEDDED_POLL_INTERVAL_MS);
      conf.setInt("mapreduce.client.progressmonitor.pollinterval", EMBEDDED_POLL_INTERVAL_MS);
      // permissions through java.nio, not a chmod process per file (LocalJobRunner creates
      // hundreds)
      conf.set(LOCAL_FILE_SYSTEM, NioLocalFileSystem.class.getName());
    }
    applyProcessUmask(conf);
    return conf;
  }

  /**
   * Makes Hadoop's file systems create files as this process's umask says, unless a configuration
   * file sets {@code fs.permissions.umask-mode}: Hadoop sets permissions itself, from that key (022
   * by default), so under {@code umask 077} outputs, {@code _rejects/} and {@code _filtered/} (raw
   * input text) would otherwise be readable by all. Java has no call for the umask: a probe
   * directory created without explicit permissions shows it (the directory mode is 0777 & ~umask).
   */
  static void applyProcessUmask(Configuration conf) {
    String[] sources = conf.getPropertySources(FsPermission.UMASK_LABEL);
    if (sources != null
        && Arrays.stream(sources).anyMatch(source -> !source.endsWith("-default.xml"))) {
      return;
    }
    try {
      java.nio.file.Path probe = Files.createTempDirectory("sheaf-umask");
      try {
        java.nio.file.Path dir = Files.createDirectory(probe.resolve("d"));
        Set<PosixFilePermission> granted = Files.getPosixFilePermissions(dir);
        int mode = 0;
        for (PosixFilePermission permission : granted) {
          mode |= 1 << (8 - permission.ordinal());
        }
        conf.set(FsPermission.UMASK_LABEL, String.format("%03o", ~mode & 0777));
        Files.delete(dir);
      } finally {
        Files.delete(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // no POSIX permissions here: Hadoop's default stays
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.strip().lines().findFirst().orElse(""))
        + " (--verbose prints the stack trace)";
  }

  private static void printUsage(PrintStream out) {
    out.println("usage: sheaf [--verbose] COMMAND [-D key=value ...] [OPTIONS]");
    out.println();
    out.println("Commands:");
    for (Supplier<SheafCommand> command : COMMANDS.values()) {
      SheafCommand instance = command.get();
      out.printf("  %-12s %s%n", instance.name(), instance.summary());
    }
    out.println();
    out.println(
        "sheaf COMMAND --help prints a command's options. --verbose shows Hadoop's log and stack traces.");
  }
}
