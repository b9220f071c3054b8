package dev.autopilot.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule fails on a fixture that breaks it and passes on one that keeps it. */
class ArchitectureRulesTest {
  private static final String FIXTURES = "dev.autopilot.health.fixture";

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(
            "onlyOwnAndPlatformDependencies",
            rule(ArchitectureRules::onlyOwnAndPlatformDependencies),
            "crossservice",
            "AlertPeeker"),
        Arguments.of(
            "persistenceIgnoresRest",
            rule(ArchitectureRules::persistenceIgnoresRest),
            "storerest",
            "ReportRepository"),
        Arguments.of(
            "persistenceIgnoresRest (jakarta.ws.rs)",
            rule(ArchitectureRules::persistenceIgnoresRest),
            "storerest",
            "RowStore"),
        Arguments.of(
            "nothingCallsIntoRest",
            rule(ArchitectureRules::nothingCallsIntoRest),
            "restcall",
            "ProbeScheduler"));
  }

  @ParameterizedTest(name = "{0} fails on {2}")
  @MethodSource("violations")
  void ruleFailsOnItsViolation(String name, ArchRule rule, String fixture, String offender) {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + fixture);

    AssertionError error = assertThrows(AssertionError.class, () -> rule.check(classes));

    assertTrue(error.getMessage().contains(offender), error.getMessage());
  }

  @Test
  void combinedRuleReportsEveryViolation() {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES);

    AssertionError error =
        assertThrows(AssertionError.class, () -> ArchitectureRules.all("health").check(classes));

    for (String offender :
        new String[] {"AlertPeeker", "ReportRepository", "RowStore", "ProbeScheduler"}) {
      assertTrue(error.getMessage().contains(offender), offender + " in " + error.getMessage());
    }
  }

  @Test
  void layeredCodePassesEveryRule() {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + ".clean");

    assertDoesNotThrow(() -> ArchitectureRules.all("health").check(classes));
  }

  @Test
  void violationsInsideApiAreNotViolations() {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + ".restcall.api");

    assertDoesNotThrow(() -> ArchitectureRules.nothingCallsIntoRest("health").check(classes));
  }

  @Test
  void rulesOnlyConcernTheNamedService() {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES);

    // The fixtures pose as health code; as alert-service rules nothing matches them.
    assertDoesNotThrow(() -> ArchitectureRules.persistenceIgnoresRest("alert").check(classes));
    assertDoesNotThrow(() -> ArchitectureRules.nothingCallsIntoRest("alert").check(classes));
  }

  @Test
  void checkFailsWhenTheServiceHasNoMainClasses() {
    // This module has only test classes in dev.autopilot.health: a misnamed service cannot pass.
    assertThrows(AssertionError.class, () -> ArchitectureRules.check("health"));
  }

  @Test
  void unknownServiceIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ArchitectureRules.check("billing"));
  }

  private static ArchRule rule(Function<String, ArchRule> factory) {
    return factory.apply("health");
  }
}
