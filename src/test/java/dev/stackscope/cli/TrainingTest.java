package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingTest {
  /** The CDS training run goes through every main command offline and ends normally. */
  @Test
  void trainingRunCompletes() throws Exception {
    assertEquals(0, Training.run());
  }
}
