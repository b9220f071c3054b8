package dev.autopilot.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployConfigCheckTest {
  @Test
  void aSoundConfigurationHasNoProblems() {
    DeployConfig config =
        config(
            Map.of(
                "shop",
                service(
                    List.of("/opt/deploy", "--fast"),
                    "http://127.0.0.1:8080/ready",
                    "shop-db",
                    List.of("staging", "production"))));
    assertThat(DeployConfigCheck.problems(config)).isEmpty();
  }

  @Test
  void namesThatNoRequestCouldCarryAndUnusableSettingsAreProblems() {
    DeployConfig config =
        config(
            Map.of(
                "Shop Service",
                service(List.of(), "file:///etc/passwd", "shop db", List.of("prod;uction"))));
    assertThat(DeployConfigCheck.problems(config))
        .hasSize(5)
        .anyMatch(p -> p.startsWith("service name 'Shop Service'"))
        .anyMatch(p -> p.endsWith("command must name an executable"))
        .anyMatch(p -> p.contains("readiness-url"))
        .anyMatch(p -> p.contains("backup-source"))
        .anyMatch(p -> p.contains("'prod;uction'"));
  }

  private static DeployConfig config(Map<String, DeployConfig.Service> services) {
    return new DeployConfig() {
      @Override
      public Map<String, Service> services() {
        return services;
      }

      @Override
      public Optional<String> targetsFile() {
        return Optional.empty();
      }

      @Override
      public Peer alertService() {
        return () -> "http://localhost:8082";
      }

      @Override
      public Peer healthService() {
        return () -> "http://localhost:8081";
      }

      @Override
      public Peer backupService() {
        return () -> "http://localhost:8084";
      }

      @Override
      public Maintenance maintenance() {
        return new Maintenance() {
          @Override
          public Duration announceAhead() {
            return Duration.ofDays(8);
          }

          @Override
          public Duration holdHorizon() {
            return Duration.ofDays(8);
          }
        };
      }

      @Override
      public Worker worker() {
        return new Worker() {
          @Override
          public int concurrency() {
            return 4;
          }

          @Override
          public Duration lease() {
            return Duration.ofSeconds(15);
          }
        };
      }
    };
  }

  private static DeployConfig.Service service(
      List<String> command, String readinessUrl, String backupSource, List<String> environments) {
    return new DeployConfig.Service() {
      @Override
      public List<String> command() {
        return command;
      }

      @Override
      public String readinessUrl() {
        return readinessUrl;
      }

      @Override
      public Duration readinessTimeout() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Duration commandTimeout() {
        return Duration.ofMinutes(10);
      }

      @Override
      public Optional<String> backupSource() {
        return Optional.of(backupSource);
      }

      @Override
      public Duration backupTimeout() {
        return Duration.ofMinutes(30);
      }

      @Override
      public List<String> environments() {
        return environments;
      }

      @Override
      public Optional<List<String>> rollbackCommand() {
        return Optional.empty();
      }

      @Override
      public Optional<List<String>> migrateCommand() {
        return Optional.empty();
      }

      @Override
      public Duration bakeTime() {
        return Duration.ZERO;
      }
    };
  }
}
