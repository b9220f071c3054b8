package dev.autopilot.testing;

import com.icegreen.greenmail.base.GreenMailOperations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One real Kafka, PostgreSQL, Redis and SMTP server per test JVM, started on first use and stopped
 * when the JVM exits, shared by every test class (and every Quarkus application a test run starts).
 *
 * <p>Kafka (KRaft, embedded-kafka) and SMTP (GreenMail) run inside this JVM; PostgreSQL (the
 * system's server binaries, trust auth) and Redis (embedded-redis) run as child processes. All
 * listen on free ports of 127.0.0.1. Start-up takes a few seconds, the four in parallel.
 *
 * <pre>{@code
 * SharedStack stack = SharedStack.get();
 * stack.createDatabase("health");
 * String url = stack.jdbcUrl("health");
 * }</pre>
 */
public final class SharedStack {
  private static volatile SharedStack instance;

  private final LocalStack local;
  private final Object owner;
  private final Map<String, String> info;
  private volatile GreenMailOperations foreignGreenMail;

  private SharedStack(LocalStack local, Object owner, Map<String, String> info) {
    this.local = local;
    this.owner = owner;
    this.info = Map.copyOf(info);
  }

  /** The stack, started by the first caller in this JVM; later callers wait for it. */
  public static SharedStack get() {
    SharedStack stack = instance;
    if (stack == null) {
      synchronized (SharedStack.class) {
        if (instance == null) {
          instance = create();
        }
        stack = instance;
      }
    }
    return stack;
  }

  /**
   * Starts the stack on a background thread and returns at once; {@link #get()} then waits for it.
   * A failure is logged here and thrown again by the next {@link #get()}, which retries.
   */
  public static void startInBackground() {
    Thread starter =
        new Thread(
            () -> {
              try {
                get();
              } catch (RuntimeException e) {
                System.getLogger(SharedStack.class.getName())
                    .log(
                        System.Logger.Level.WARNING,
                        "background start of the test stack failed",
                        e);
              }
            },
            "autopilot-stack-prestart");
    starter.setDaemon(true);
    starter.start();
  }

  @SuppressWarnings("unchecked")
  private static SharedStack create() {
    Class<?> ownerType = JvmShared.ownerCopy(SharedStack.class);
    if (ownerType == null) {
      LocalStack local = LocalStack.start();
      return new SharedStack(local, null, local.info());
    }
    Object owner = JvmShared.callStatic(ownerType, "get");
    return new SharedStack(
        null, owner, (Map<String, String>) JvmShared.call(owner, "info", new Class<?>[0]));
  }

  /** Kafka's bootstrap servers, {@code localhost:<port>}. */
  public String bootstrapServers() {
    return info.get("kafka.bootstrap.servers");
  }

  /** The PostgreSQL port on 127.0.0.1 (user {@code postgres}, any password). */
  public int postgresPort() {
    return Integer.parseInt(info.get("postgres.port"));
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}; see {@link #createDatabase}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/" + database;
  }

  /** {@code postgresql://127.0.0.1:<port>/<database>}, the form the reactive client takes. */
  public String reactiveUrl(String database) {
    return "postgresql://127.0.0.1:" + postgresPort() + "/" + database;
  }

  /** Creates the database unless it already exists (idempotent, thread-safe). */
  public void createDatabase(String name) {
    if (local != null) {
      local.postgres.createDatabase(name);
    } else {
      JvmShared.call(owner, "createDatabase", new Class<?>[] {String.class}, name);
    }
  }

  /** The Redis port on 127.0.0.1. */
  public int redisPort() {
    return Integer.parseInt(info.get("redis.port"));
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String redisUrl() {
    return "redis://127.0.0.1:" + redisPort();
  }

  /** The SMTP port on 127.0.0.1; no authentication, no TLS. */
  public int smtpPort() {
    return Integer.parseInt(info.get("smtp.port"));
  }

  /**
   * The SMTP server, to read what was sent ({@code getReceivedMessages()}, {@code
   * waitForIncomingEmail(timeout, count)}, {@code purgeEmailFromAllMailboxes()}). Messages of all
   * tests accumulate: purge before a test, or match on a unique recipient or subject.
   *
   * <p>Inside a Quarkus test the server may belong to another class loader; then this is a view
   * that copies messages across and rejects the methods returning GreenMail's own objects.
   */
  public GreenMailOperations greenMail() {
    if (local != null) {
      return local.greenMail;
    }
    GreenMailOperations view = foreignGreenMail;
    if (view == null) {
      view = ForeignGreenMail.wrap(JvmShared.call(owner, "greenMail", new Class<?>[0]));
      foreignGreenMail = view;
    }
    return view;
  }

  /** The directory holding the servers' data; deleted at JVM exit. */
  public Path workDir() {
    return Path.of(info.get("work.dir"));
  }

  /** How long the stack took to start. */
  public Duration startupTime() {
    return Duration.ofMillis(Long.parseLong(info.get("startup.millis")));
  }

  /** The connection details as strings (the form other class loaders receive them in). */
  public Map<String, String> info() {
    return info;
  }
}
