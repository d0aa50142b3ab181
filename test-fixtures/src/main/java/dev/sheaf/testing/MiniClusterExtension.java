package dev.sheaf.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real HDFS (MiniDFSCluster) and a real YARN with the MapReduce framework
 * (MiniMRYarnCluster) once per test class, and stops them after it. Register it as a static field:
 * <pre>{@code @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();}</pre>
 * then give jobs {@link #configuration()}. Start-up takes about 10 s, shutdown about 15 s.
 */
public final class MiniClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private MiniDFSCluster dfs;
  private MiniMRClientCluster yarn;
  private Configuration configuration;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    File base = Files.createTempDirectory("sheaf-minicluster-").toFile();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base, "dfs").getAbsolutePath());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    dfs.waitActive();
    Configuration yarnConf = new Configuration(dfs.getConfiguration(0));
    yarnConf.set(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, "false");
    // small containers: the CI machine has 2 cores
    yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
    yarnConf.setInt(YarnConfiguration.NM_VCORES, 4);
    yarnConf.setInt("yarn.app.mapreduce.am.resource.mb", 768);
    yarnConf.setInt("mapreduce.map.memory.mb", 768);
    yarnConf.setInt("mapreduce.reduce.memory.mb", 768);
    yarnConf.set("mapreduce.map.java.opts", "-Xmx512m");
    yarnConf.set("mapreduce.reduce.java.opts", "-Xmx512m");
    yarnConf.set("yarn.app.mapreduce.am.command-opts", "-Xmx512m");
    yarnConf.setInt("mapreduce.client.completion.pollinterval", 200);
    yarn = MiniMRClientClusterFactory.create(context.getRequiredTestClass(), 1, yarnConf);
    configuration = new Configuration(yarn.getConfig());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  /** A configuration pointing at the mini HDFS and YARN; jobs run on YARN, paths are on HDFS. */
  public Configuration configuration() {
    return new Configuration(configuration);
  }

  public FileSystem fileSystem() throws IOException {
    return dfs.getFileSystem();
  }
}
