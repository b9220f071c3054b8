package dev.autopilot.alert.ingest.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.platform.event.v1.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityMappingTest {
  @ParameterizedTest(name = "severity={0} (default {1}) → {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "critical, P2, P0",
        "CRITICAL, P2, P0",
        "error, P2, P1",
        "high, P2, P1",
        "page, P2, P1",
        "warning, P0, P2",
        "' Warning ', P0, P2",
        "info, P2, P3",
        "low, P2, P3",
        "P0, P3, P0",
        "P1, P3, P1",
        "P2, P0, P2",
        "P3, P0, P3",
        "p1, P3, P1",
        "null, P2, P2",
        "null, P1, P1",
        "'', P3, P3",
        "disaster, P2, P2",
        "disaster, P0, P0",
        "P4, P2, P2"
      })
  void mapsAlertmanagerSeverityLabels(String label, Severity fallback, Severity expected) {
    assertThat(new SeverityMapping(fallback).map(label)).isEqualTo(expected);
  }
}
