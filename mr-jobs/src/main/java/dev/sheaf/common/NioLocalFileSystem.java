package dev.sheaf.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system with permissions set through {@code java.nio} instead of a {@code
 * chmod} process. Without libhadoop (which the Maven artifacts do not carry) Hadoop's {@link
 * RawLocalFileSystem#setPermission} forks {@code chmod} for every file and directory it creates
 * with a permission: several hundred processes for one embedded dedupe of 300 documents, each a
 * fork of a JVM of gigabytes. {@link PosixFilePermission}s are the same nine bits, set with one
 * {@code chmod(2)} call. Where the file system has no POSIX permissions (not Linux or macOS)
 * Hadoop's own way is kept. Embedded mode uses it for {@code file:} ({@code fs.file.impl}).
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) side, where permissions are set. */
  public static class Raw extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = PosixFilePermission.values();

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      java.nio.file.Path file = pathToFile(p).toPath();
      try {
        Files.setPosixFilePermissions(file, posix(permission.toShort()));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission);
      }
    }

    /** The nine low bits of a Unix mode (owner rwx, group rwx, others rwx) as Java's enum set. */
    static Set<PosixFilePermission> posix(short mode) {
      Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
      // PosixFilePermission's order is OWNER_READ .. OTHERS_EXECUTE, bit 8 down to bit 0
      for (int i = 0; i < BITS.length; i++) {
        if ((mode & (1 << (8 - i))) != 0) {
          permissions.add(BITS[i]);
        }
      }
      return permissions;
    }
  }
}
