package dev.autopilot.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The servers themselves, owned by exactly one class loader per JVM (see {@link JvmShared}): Kafka,
 * PostgreSQL, Redis and SMTP, started in parallel and stopped by a shutdown hook. A watchdog shell
 * stops the out-of-JVM servers (PostgreSQL, Redis) even if this JVM is killed.
 */
final class LocalStack {
  private static final System.Logger LOG = System.getLogger(SharedStack.class.getName());
  private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

  final Path workDir;
  final KafkaBroker kafka;
  final PostgresServer postgres;
  final RedisProcess redis;
  final GreenMail greenMail;
  final int smtpPort;
  final Duration startupTime;
  private final Process watchdog;

  private LocalStack(
      Path workDir,
      KafkaBroker kafka,
      PostgresServer postgres,
      RedisProcess redis,
      GreenMail greenMail,
      int smtpPort,
      Duration startupTime) {
    this.workDir = workDir;
    this.kafka = kafka;
    this.postgres = postgres;
    this.redis = redis;
    this.greenMail = greenMail;
    this.smtpPort = smtpPort;
    this.startupTime = startupTime;
    this.watchdog = startWatchdog();
  }

  /** Starts all four servers; on failure stops those that did start and rethrows. */
  static LocalStack start() {
    long t0 = System.nanoTime();
    quietBrokerLogs();
    Path workDir = createWorkDir();
    ClassLoader owner = LocalStack.class.getClassLoader();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "autopilot-stack-start");
              t.setDaemon(true);
              // Kafka's threads inherit this; never a Quarkus loader that closes before JVM exit.
              t.setContextClassLoader(owner);
              return t;
            });
    CompletableFuture<KafkaBroker> kafka =
        timed("kafka", pool, () -> KafkaBroker.start(workDir.resolve("kafka")));
    CompletableFuture<PostgresServer> postgres =
        timed("postgres", pool, () -> PostgresServer.start(workDir));
    CompletableFuture<RedisProcess> redis =
        timed("redis", pool, () -> RedisProcess.start(workDir.resolve("redis")));
    int smtpPort = FreePorts.next();
    CompletableFuture<GreenMail> smtp = timed("smtp", pool, () -> startGreenMail(smtpPort));
    pool.shutdown();
    try {
      CompletableFuture.allOf(kafka, postgres, redis, smtp).join();
    } catch (CompletionException e) {
      kafka.thenAccept(KafkaBroker::stop);
      postgres.thenAccept(PostgresServer::stop);
      redis.thenAccept(RedisProcess::stop);
      smtp.thenAccept(GreenMail::stop);
      deleteRecursively(workDir);
      throw new IllegalStateException("the shared test stack did not start", e.getCause());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    LocalStack stack =
        new LocalStack(
            workDir, kafka.join(), postgres.join(), redis.join(), smtp.join(), smtpPort, took);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "autopilot-stack-stop"));
    LOG.log(Level.INFO, "shared test stack up in {0} ms: {1}", took.toMillis(), stack.info());
    return stack;
  }

  /** What other class loaders need to reach the servers, as plain strings. */
  Map<String, String> info() {
    return Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "postgres.port", Integer.toString(postgres.port()),
        "redis.port", Integer.toString(redis.port()),
        "smtp.port", Integer.toString(smtpPort),
        "work.dir", workDir.toString(),
        "startup.millis", Long.toString(startupTime.toMillis()));
  }

  /** Stops everything; runs once, from the shutdown hook. */
  void stop() {
    watchdog.destroy();
    ignoringFailure("smtp", greenMail::stop);
    ignoringFailure("redis", redis::stop);
    ignoringFailure("postgres", postgres::stop);
    Thread kafkaStop = new Thread(() -> ignoringFailure("kafka", kafka::stop), "kafka-stop");
    kafkaStop.setDaemon(true);
    kafkaStop.start();
    try {
      kafkaStop.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    postgres.dirs().forEach(LocalStack::deleteRecursively);
    deleteRecursively(workDir);
  }

  private Process startWatchdog() {
    long jvm = ProcessHandle.current().pid();
    StringBuilder script = new StringBuilder();
    script.append("while kill -0 ").append(jvm).append(" 2>/dev/null; do sleep 1; done; ");
    script.append(postgres.stopCommand()).append("; ");
    redis.pid().ifPresent(pid -> script.append("kill ").append(pid).append("; "));
    postgres.dirs().forEach(d -> script.append("rm -rf '").append(d).append("'; "));
    script.append("rm -rf '").append(workDir).append("'");
    try {
      return new ProcessBuilder("sh", "-c", script.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the stack watchdog", e);
    }
  }

  private static GreenMail startGreenMail(int port) {
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    return greenMail;
  }

  private static <T> CompletableFuture<T> timed(
      String name, ExecutorService pool, Supplier<T> start) {
    return CompletableFuture.supplyAsync(
        () -> {
          long t0 = System.nanoTime();
          T started = start.get();
          LOG.log(
              Level.INFO,
              "{0} started in {1} ms",
              name,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
          return started;
        },
        pool);
  }

  private static Path createWorkDir() {
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(tmp);
      // World-traversable: PostgreSQL runs as another user below it.
      return Files.createTempDirectory(
          tmp,
          "autopilot-stack-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the stack directory", e);
    }
  }

  /** The broker logs its whole configuration and every topic change at INFO; tests need less. */
  private static void quietBrokerLogs() {
    for (String category :
        List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.snapshot",
            // Every client and the broker print their whole configuration (300+ lines) at INFO.
            "org.apache.kafka.common.config.AbstractConfig",
            "com.icegreen.greenmail")) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
      logger.setLevel(java.util.logging.Level.WARNING);
      QUIETED.add(logger);
    }
  }

  private static void ignoringFailure(String what, Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stopping " + what + " failed: " + e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.DEBUG, "cannot delete " + dir + ": " + e);
    }
  }
}
