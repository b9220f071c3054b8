package dev.autopilot.backup.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.CommandSource;
import dev.autopilot.backup.source.FilesSource;
import dev.autopilot.backup.source.PostgresSource;
import dev.autopilot.backup.source.RedisSource;
import dev.autopilot.backup.source.SourceCatalog;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration pack's {@code docs/packs/<pack>/backup.yaml}, loaded as the service loads it
 * ({@code QUARKUS_CONFIG_LOCATIONS=…/backup.yaml}: SmallRye's YAML config source, the {@link
 * BackupConfig} mapping) and checked by the startup check and the source catalog, the production
 * code path. Then what every pack must say: a pg_dump source, daily at 02:00 UTC, 7/4/12 retention,
 * 30 days for migration backups, drills on.
 */
class ConfigPacksTest {
  private static final Path PACKS = Path.of("..", "docs", "packs");

  static Stream<String> packs() throws IOException {
    List<String> packs;
    try (Stream<Path> dirs = Files.list(PACKS)) {
      packs =
          dirs.filter(d -> Files.exists(d.resolve("backup.yaml")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
    }
    assertThat(packs)
        .containsExactlyInAnyOrder(
            "datastores", "express-prisma-api", "fetms", "lavandaria", "maintainuk");
    return packs.stream();
  }

  @ParameterizedTest
  @MethodSource("packs")
  void packLoadsAndPassesTheStartupCheck(String pack) throws IOException {
    BackupConfig config = load(pack, Map.of());
    assertThat(BackupConfigCheck.problems(config)).as(pack).isEmpty();
    SourceCatalog catalog = new SourceCatalog(config);
    assertThat(catalog.names()).as(pack).isNotEmpty();
    List<BackupSource> sources =
        catalog.names().stream().map(n -> catalog.find(n).orElseThrow()).toList();
    assertThat(sources).as(pack).anySatisfy(s -> assertThat(s).isInstanceOf(PostgresSource.class));
    config
        .sources()
        .forEach(
            (name, source) ->
                assertThat(source.schedule()).as(pack + " " + name).contains("0 0 2 * * ?"));
    assertThat(config.retention().keepDaily()).isEqualTo(7);
    assertThat(config.retention().keepWeekly()).isEqualTo(4);
    assertThat(config.retention().keepMonthly()).isEqualTo(12);
    assertThat(config.retention().protectedFor()).isEqualTo(Duration.ofDays(30));
    assertThat(config.drill().schedule()).isNotEqualTo("off");
    if (!pack.equals("datastores")) {
      assertThat(sources).as(pack).anySatisfy(s -> assertThat(s).isInstanceOf(FilesSource.class));
    }
  }

  @ParameterizedTest
  @MethodSource("packs")
  void aBrokenPackIsRefused(String pack) throws IOException {
    BackupConfig config =
        load(pack, Map.of("backup.storage.kind", "ftp", "backup.schedule.default-cron", "daily"));
    assertThat(BackupConfigCheck.problems(config))
        .anySatisfy(p -> assertThat(p).contains("backup.storage.kind"))
        .anySatisfy(p -> assertThat(p).contains("backup.schedule.default-cron"));
  }

  @org.junit.jupiter.api.Test
  void theDatastoresPackBacksUpRedisAndMongoAndRestoresThem() throws IOException {
    SourceCatalog catalog = new SourceCatalog(load("datastores", Map.of()));
    RedisSource redis = (RedisSource) catalog.find("core-redis").orElseThrow();
    assertThat(redis.restorePath()).contains(Path.of("/var/lib/redis/dump.rdb"));
    CommandSource mongo = (CommandSource) catalog.find("core-mongodb").orElseThrow();
    assertThat(mongo.command()).startsWith("/usr/bin/mongodump").contains("--archive");
    assertThat(mongo.restoreCommand().orElseThrow())
        .startsWith("/usr/bin/mongorestore")
        .contains("--archive", "--drop");
    assertThat(mongo.extension()).isEqualTo(".archive.gz");
  }

  @org.junit.jupiter.api.Test
  void theExpressPackRotatesKeys() throws IOException {
    BackupConfig config = load("express-prisma-api", Map.of());
    assertThat(config.storage().encryption().activeKey()).contains("2026-11");
    assertThat(config.storage().encryption().keys()).containsOnlyKeys("2025-06", "2026-11");
  }

  /** Loads a pack as the service does, with optional overrides on top. */
  static BackupConfig load(String pack, Map<String, String> overrides) throws IOException {
    Path file = PACKS.resolve(pack).resolve("backup.yaml");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(BackupConfig.class)
            .withSources(new YamlConfigSource(file.toUri().toURL(), 250))
            .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
            .build();
    return config.getConfigMapping(BackupConfig.class);
  }
}
