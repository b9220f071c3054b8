package dev.autopilot.notification.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config pack's notifications.yaml (docs/packs/*) goes through the loader the service runs
 * for notification.routing.file (RoutingDocuments.compile: strict YAML, then the validator), and
 * must load without a single error.
 */
class NotificationPacksTest {
  private static final Path PACKS = Path.of("..", "docs", "packs");

  static Stream<Path> packs() throws IOException {
    try (Stream<Path> dirs = Files.list(PACKS)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.resolve("notifications.yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void everyPackHasItsNotificationsFile() throws IOException {
    assertThat(packs().map(p -> p.getParent().getFileName().toString()))
        .containsExactlyInAnyOrder(
            "express-prisma-api", "lavandaria", "maintainuk", "fetms", "datastores");
    assertThat(packs()).allSatisfy(p -> assertThat(p).isRegularFile());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packs")
  void loadsThroughTheProductionValidator(Path file) throws IOException {
    CompiledRouting routing = RoutingDocuments.compile(Files.readString(file));

    assertThat(routing.receivers()).isNotEmpty();
    assertThat(routing.root().routes()).isNotEmpty();
    // Secrets only by environment-variable name: the document never holds one.
    assertThat(RoutingDocuments.yaml(routing.source())).doesNotContainPattern("https://hooks\\.");
  }

  @Test
  void seedOneEscalatesOnCallThenLeadThenCto() throws IOException {
    CompiledRouting routing =
        RoutingDocuments.compile(
            Files.readString(PACKS.resolve("express-prisma-api/notifications.yaml")));
    assertThat(routing.escalationPolicies().get("oncall-lead-cto").levels())
        .extracting(l -> l.targets())
        .containsExactly(List.of("shop-primary"), List.of("engineering-lead"), List.of("cto"));
    assertThat(routing.ackDeadlines())
        .containsEntry("P0", java.time.Duration.ofMinutes(15))
        .containsEntry("P1", java.time.Duration.ofHours(1));
  }
}
