package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.Sheaf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NioLocalFileSystem} sets the modes Hadoop's own local file system sets, without a process.
 */
class NioLocalFileSystemTest {
  @TempDir Path dir;

  @Test
  void everyModeMapsToTheSameNineBitsAsItsSymbolicForm() {
    for (short mode = 0; mode < 512; mode++) {
      // FsPermission's rwxr-x--- form is the reference
      assertEquals(
          PosixFilePermissions.fromString(new FsPermission(mode).toString()),
          NioLocalFileSystem.Raw.posix(mode),
          Integer.toOctalString(mode));
    }
  }

  @Test
  void filesAndDirectoriesGetTheModesHadoopsLocalFileSystemGives() throws IOException {
    Configuration conf = new Configuration(false);
    conf.set(FsPermission.UMASK_LABEL, "027");
    try (LocalFileSystem ours = new NioLocalFileSystem();
        LocalFileSystem hadoops = new LocalFileSystem(new RawLocalFileSystem())) {
      ours.initialize(FileSystem.getDefaultUri(conf), conf);
      hadoops.initialize(FileSystem.getDefaultUri(conf), conf);
      for (short mode : new short[] {0755, 0700, 0640, 0777, 0600, 0444}) {
        FsPermission permission = new FsPermission(mode);
        String name = Integer.toOctalString(mode);
        for (LocalFileSystem fs : new LocalFileSystem[] {ours, hadoops}) {
          String side = fs instanceof NioLocalFileSystem ? "ours" : "hadoops";
          org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(dir.resolve(side).toUri());
          fs.mkdirs(new org.apache.hadoop.fs.Path(base, "dir-" + name), permission);
          try (OutputStream out =
              fs.create(
                  new org.apache.hadoop.fs.Path(base, "file-" + name),
                  permission,
                  true,
                  4096,
                  (short) 1,
                  1 << 20,
                  null)) {
            out.write(1);
          }
          fs.setPermission(new org.apache.hadoop.fs.Path(base, "dir-" + name), permission);
        }
        for (String file : new String[] {"dir-" + name, "file-" + name}) {
          assertEquals(
              mode(dir.resolve("hadoops").resolve(file)),
              mode(dir.resolve("ours").resolve(file)),
              file);
        }
        assertEquals(
            permission.toString(),
            mode(dir.resolve("ours").resolve("dir-" + name)),
            "setPermission " + name);
      }
      assertEquals(
          ours.getFileStatus(new org.apache.hadoop.fs.Path(dir.resolve("ours/file-640").toUri()))
              .getPermission(),
          new FsPermission((short) 0640));
      assertThrows(
          IOException.class,
          () ->
              ours.setPermission(
                  new org.apache.hadoop.fs.Path(dir.resolve("absent").toUri()),
                  new FsPermission((short) 0644)));
    }
  }

  @Test
  void embeddedModeUsesIt() throws IOException {
    Configuration conf = Sheaf.configuration();
    assertEquals(NioLocalFileSystem.class.getName(), conf.get("fs.file.impl"));
    // set by the embedded set-up itself, not only by the tests' core-site.xml
    assertTrue(
        List.of(conf.getPropertySources("fs.file.impl")).contains("programmatically"),
        List.of(conf.getPropertySources("fs.file.impl")).toString());
    try (FileSystem fs = FileSystem.newInstance(java.net.URI.create("file:///"), conf)) {
      assertInstanceOf(NioLocalFileSystem.Raw.class, ((LocalFileSystem) fs).getRaw());
    }
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
