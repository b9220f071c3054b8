package dev.autopilot.backup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.backup.source.PostgresSource;
import dev.autopilot.backup.source.SourceCatalog;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The startup check, against configuration parsed by SmallRye as the service parses it. */
class BackupConfigCheckTest {
  private static final String SHOP = "backup.sources.\"shop\".";

  @Test
  void validPostgresSourceBecomesATypedSourceWithDefaults() {
    BackupConfig config = parse(Map.of());
    assertThat(BackupConfigCheck.problems(config)).isEmpty();
    assertThat(new SourceCatalog(config).find("shop"))
        .contains(
            new PostgresSource(
                "shop", "db.internal", 5432, "shop", "postgres", Optional.of("SHOP_PASSWORD")));
    assertThat(new SourceCatalog(config).find("other")).isEmpty();
    assertThat(new SourceCatalog(config).find(null)).isEmpty();
    assertThat(config.dump().timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(config.worker().pollInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kind|mongodb|backup.sources.\"shop\".kind 'mongodb' is not supported (supported: postgres, files, redis, command)",
        "kind|Postgres|kind 'Postgres' is not supported",
        "host|-oProxyCommand=x|host must be a host name or IP address",
        "host|db internal|host must be a host name or IP address",
        "database|host=evil.example dbname=x|database must be",
        "database|postgresql://evil/x|database must be",
        "username|-x|username must be",
        "port|70000|port must be between 1 and 65535",
        "password-env|NOT-A-NAME|password-env must name an environment variable",
      })
  void unsafeOrUnsupportedSourceSettingsAreRefused(String key, String value, String problem) {
    BackupConfig config = parse(Map.of(SHOP + key, value));
    assertThat(BackupConfigCheck.problems(config)).anySatisfy(p -> assertThat(p).contains(problem));
    assertThatThrownBy(() -> new SourceCatalog(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void postgresNeedsHostAndDatabase() {
    Map<String, String> properties = new HashMap<>(base());
    properties.remove(SHOP + "host");
    properties.remove(SHOP + "database");
    assertThat(BackupConfigCheck.problems(parseExactly(properties)))
        .contains(
            SHOP + "host is required for kind postgres",
            SHOP + "database is required for kind postgres");
  }

  @Test
  void sourceNamesMustBeSafeForPathsAndEvents() {
    Map<String, String> properties = new HashMap<>();
    base().forEach((k, v) -> properties.put(k.replace("\"shop\"", "\"../Shop\""), v));
    assertThat(BackupConfigCheck.problems(parseExactly(properties)))
        .anySatisfy(p -> assertThat(p).startsWith("source name '../Shop' must be"));
  }

  @Test
  void workerSettingsAreChecked() {
    List<String> problems =
        BackupConfigCheck.problems(
            parse(
                Map.of(
                    "backup.worker.lease", "20s",
                    "backup.worker.heartbeat", "10s",
                    "backup.worker.max-attempts", "0",
                    "backup.dump.timeout", "0s")));
    assertThat(problems)
        .contains(
            "backup.worker.lease must be at least 3 times backup.worker.heartbeat",
            "backup.worker.max-attempts must be at least 1",
            "backup.dump.timeout must be positive");
  }

  private static Map<String, String> base() {
    Map<String, String> properties = new HashMap<>();
    properties.put(SHOP + "kind", "postgres");
    properties.put(SHOP + "host", "db.internal");
    properties.put(SHOP + "database", "shop");
    properties.put(SHOP + "password-env", "SHOP_PASSWORD");
    return properties;
  }

  /** The base source with some keys overridden. */
  private static BackupConfig parse(Map<String, String> overrides) {
    Map<String, String> properties = base();
    properties.putAll(overrides);
    return parseExactly(properties);
  }

  private static BackupConfig parseExactly(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(BackupConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(BackupConfig.class);
  }
}
