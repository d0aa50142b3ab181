package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void parsesPlainAndSuffixedSizes() {
    assertEquals(8388608, Sizes.parseBytes("--x", "8388608"));
    assertEquals(512 * 1024, Sizes.parseBytes("--x", "512k"));
    assertEquals(8L << 20, Sizes.parseBytes("--x", "8m"));
    assertEquals(8L << 20, Sizes.parseBytes("--x", "8MiB"));
    assertEquals(1L << 30, Sizes.parseBytes("--x", "1G"));
  }

  @Test
  void namesTheOptionWhenASizeIsBad() {
    UsageException e =
        assertThrows(UsageException.class, () -> Sizes.parseBytes("--max-record-bytes", "lots"));
    assertTrue(e.getMessage().startsWith("--max-record-bytes"), e.getMessage());
  }
}
