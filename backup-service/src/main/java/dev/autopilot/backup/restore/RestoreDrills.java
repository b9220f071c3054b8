package dev.autopilot.backup.restore;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.dump.PostgresDumper;
import dev.autopilot.backup.postgres.PostgresClient;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.PostgresSource;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.store.BackupManifest;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.ClusterLock;
import dev.autopilot.backup.store.DrillRecord;
import dev.autopilot.backup.store.DrillRepository;
import dev.autopilot.platform.event.v1.BackupVerified;
import dev.autopilot.platform.outbox.Outbox;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Restore drills: the newest stored backup of a postgres source is verified (sha256, decrypted),
 * restored into a scratch database, and checked — pg_restore succeeded, the same tables with the
 * same row counts as recorded in the dump's snapshot, the source's verification queries — then the
 * scratch database is dropped. The restore time is the measured RTO. The outcome is recorded with
 * {@code backup.verified} (ok, checks, or the failure) and a passing drill marks the backup
 * VERIFIED.
 */
@ApplicationScoped
public class RestoreDrills {
  private static final Logger LOG = Logger.getLogger(RestoreDrills.class);
  static final long LOCK_KEY = 0x6261636b75700003L;

  private final BackupRepository backups;
  private final DrillRepository drills;
  private final SourceCatalog sources;
  private final BackupStorage storage;
  private final PostgresRestorer restorer;
  private final PostgresClient client;
  private final RestoreRunner runner;
  private final BackupConfig config;
  private final Outbox outbox;
  private final ClusterLock lock;
  private final ManagedExecutor executor;

  public RestoreDrills(
      BackupRepository backups,
      DrillRepository drills,
      SourceCatalog sources,
      BackupStorage storage,
      PostgresRestorer restorer,
      PostgresClient client,
      RestoreRunner runner,
      BackupConfig config,
      Outbox outbox,
      ClusterLock lock,
      ManagedExecutor executor) {
    this.backups = backups;
    this.drills = drills;
    this.sources = sources;
    this.storage = storage;
    this.restorer = restorer;
    this.client = client;
    this.runner = runner;
    this.config = config;
    this.outbox = outbox;
    this.lock = lock;
    this.executor = executor;
  }

  /**
   * Starts a drill of {@code source}'s newest stored backup in the background.
   *
   * @throws ProblemException 404 unknown source, 409 not postgres or nothing stored yet
   */
  public DrillRecord start(String sourceName) {
    BackupSource source =
        sources
            .find(sourceName)
            .orElseThrow(
                () -> ProblemException.notFound("source '" + sourceName + "' is not configured"));
    if (!(source instanceof PostgresSource postgres)) {
      throw ProblemException.conflict("restore drills are for postgres sources");
    }
    BackupRecord backup =
        backups
            .newestStored(sourceName)
            .orElseThrow(
                () ->
                    ProblemException.conflict("source '" + sourceName + "' has no stored backup"));
    UUID id = UUID.randomUUID();
    String scratch = "drill_" + sourceName.replace('-', '_') + "_" + id.toString().substring(0, 8);
    drills.start(
        id, backup.id(), sourceName, scratch, Instant.now().truncatedTo(ChronoUnit.MICROS));
    executor.execute(() -> run(id, backup, postgres, scratch));
    return drills.find(id).orElseThrow();
  }

  @Scheduled(
      cron = "${backup.drill.schedule:0 0 4 ? * SUN}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    lock.tryRun(
        LOCK_KEY,
        () -> {
          for (String name : sources.names()) {
            if (sources.find(name).orElseThrow() instanceof PostgresSource postgres) {
              backups
                  .newestStored(name)
                  .ifPresent(
                      backup -> {
                        UUID id = UUID.randomUUID();
                        String scratch =
                            "drill_" + name.replace('-', '_') + "_" + id.toString().substring(0, 8);
                        drills.start(id, backup.id(), name, scratch, Instant.now());
                        run(id, backup, postgres, scratch);
                      });
            }
          }
        });
  }

  /**
   * Ends drills whose replica stopped mid-drill (still RUNNING long after the restore timeout):
   * drops their scratch database and records them FAILED with {@code backup.verified ok=false}.
   */
  @Scheduled(
      every = "${backup.drill.abandoned-check:5m}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void abandonStaleScheduled() {
    try {
      lock.tryRun(LOCK_KEY + 1, this::abandonStale);
    } catch (RuntimeException e) {
      LOG.warnf("cannot look for abandoned drills (%s)", e.getMessage());
    }
  }

  /** See {@link #abandonStaleScheduled()}; returns how many drills were ended. */
  public int abandonStale() {
    Instant before =
        Instant.now().minus(config.restore().timeout()).minus(java.time.Duration.ofMinutes(10));
    int ended = 0;
    for (DrillRecord drill : drills.runningSince(before)) {
      if (sources.find(drill.source()).orElse(null) instanceof PostgresSource postgres) {
        try {
          restorer.drop(postgres, drill.scratchDatabase());
        } catch (DumpException e) {
          LOG.warnf(
              "abandoned drill %s: cannot drop %s: %s",
              drill.id(), drill.scratchDatabase(), e.getMessage());
        }
      }
      BackupRecord backup = backups.find(drill.backupId()).orElseThrow();
      record(
          drill.id(),
          backup,
          List.of(),
          "the drill was abandoned: the replica running it stopped",
          0);
      ended++;
    }
    return ended;
  }

  /** Runs one drill to its end; never throws. */
  void run(UUID id, BackupRecord backup, PostgresSource source, String scratch) {
    List<String> checks = new ArrayList<>();
    String failure = null;
    long start = System.nanoTime();
    double seconds = 0;
    try {
      BackupManifest manifest = runner.manifest(backup).orElse(null);
      // The key first: a backup whose key was removed fails the drill before anything is read.
      dev.autopilot.backup.crypto.EncryptionKey key =
          manifest == null || manifest.encryption() == null
              ? null
              : runner.key(manifest.encryption());
      try (VerifiedCopy stored = VerifiedCopy.of(backup, storage);
          VerifiedCopy plain = key == null ? null : stored.decrypted(key)) {
        checks.add("sha256 " + backup.sha256() + " verified");
        restorer.restoreIntoNew(
            source,
            scratch,
            (plain == null ? stored : plain).file(),
            config.restore().timeout(),
            false);
      }
      seconds = (System.nanoTime() - start) / 1e9;
      checks.add("pg_restore succeeded in " + String.format("%.1f", seconds) + " s");
      failure = check(source, scratch, manifest, checks);
    } catch (DumpException e) {
      failure = e.getMessage();
    } catch (IOException | RuntimeException e) {
      LOG.warnf(e, "drill %s failed", id);
      failure = "drill failed: " + e.getMessage();
    } finally {
      if (seconds == 0) {
        seconds = (System.nanoTime() - start) / 1e9;
      }
      try {
        restorer.drop(source, scratch);
      } catch (DumpException e) {
        LOG.warnf("drill %s: cannot drop scratch database %s: %s", id, scratch, e.getMessage());
      }
    }
    try {
      record(id, backup, checks, failure, seconds);
    } catch (RuntimeException e) {
      LOG.warnf("drill %s: cannot record its outcome (%s)", id, e.getMessage());
    }
  }

  /** The checks after a successful restore; the first failure, or null when all pass. */
  private String check(
      PostgresSource source, String scratch, BackupManifest manifest, List<String> checks)
      throws DumpException {
    try (Connection c = client.connect(source, scratch)) {
      if (manifest != null && manifest.tableCounts() != null) {
        Map<String, Long> expected = manifest.tableCounts();
        Map<String, Long> actual = PostgresDumper.countRows(c);
        if (!actual.keySet().equals(expected.keySet())) {
          return "restored "
              + actual.size()
              + " tables, the backup had "
              + expected.size()
              + ": "
              + actual.keySet()
              + " vs "
              + expected.keySet();
        }
        checks.add(actual.size() + " tables, as at backup time");
        for (Map.Entry<String, Long> table : expected.entrySet()) {
          Long restored = actual.get(table.getKey());
          if (!Objects.equals(restored, table.getValue())) {
            return table.getKey()
                + ": "
                + restored
                + " rows restored, "
                + table.getValue()
                + " at backup time";
          }
          checks.add(table.getKey() + ": " + restored + " rows, as at backup time");
        }
      } else {
        checks.add("no row counts recorded at backup time; counts not checked");
      }
      for (String query : config.sources().get(source.name()).verifyQueries().orElse(List.of())) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(query)) {
          if (!rs.next() || !rs.getBoolean(1)) {
            return "verification query failed: " + query;
          }
          checks.add("verification query passed: " + query);
        } catch (SQLException e) {
          return "verification query '" + query + "' failed: " + e.getMessage();
        }
      }
      return null;
    } catch (SQLException e) {
      return "cannot check the scratch database: " + e.getMessage();
    }
  }

  @Transactional
  void record(UUID id, BackupRecord backup, List<String> checks, String failure, double seconds) {
    drills.finish(id, failure == null, seconds, checks, failure, Instant.now());
    if (failure == null) {
      backups.verify(backup.id());
    }
    outbox.append(
        new BackupVerified(
            backup.id(), backup.source(), seconds, List.copyOf(checks), failure == null, failure));
    LOG.infof(
        "drill %s of backup %s: %s in %.1f s",
        id, backup.id(), failure == null ? "passed" : "FAILED (" + failure + ")", seconds);
  }
}
