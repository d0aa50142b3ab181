package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConservationTest {
  @Test
  void passesWhenEveryRecordIsAccountedFor() {
    Conservation conservation =
        new Conservation("dedupe", 10).add("kept", 7).add("exact duplicates", 2).add("rejected", 1);
    assertDoesNotThrow(conservation::check);
    assertEquals("7 kept, 2 exact duplicates, 1 rejected", conservation.describe());
  }

  @Test
  void failsWithTheNumbersWhenRecordsGoMissing() {
    Conservation conservation = new Conservation("dedupe", 10).add("kept", 7).add("rejected", 1);
    StageFailedException e = assertThrows(StageFailedException.class, conservation::check);
    assertTrue(e.getMessage().contains("10 in"), e.getMessage());
    assertTrue(e.getMessage().contains("= 8"), e.getMessage());
  }
}
