package dev.autopilot.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the {@link SharedStack}: its own PostgreSQL database
 * (init arg {@code database}, default {@code autopilot}), Kafka, Redis, SMTP, and the {@link
 * TestTokens} credentials. Init arg {@code reactive=true} adds {@code
 * quarkus.datasource.reactive.url} for services using the reactive PostgreSQL client.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(
 *     value = AutopilotStackResource.class,
 *     initArgs = @ResourceArg(name = "database", value = "health"))
 * class ProbeResourceTest { ... }
 * }</pre>
 *
 * <p>{@link #stop()} leaves the servers running: they outlive every application restart and stop
 * when the JVM exits.
 */
public class AutopilotStackResource implements QuarkusTestResourceLifecycleManager {
  /** The init arg naming the database this application gets. */
  public static final String DATABASE_ARG = "database";

  /** The database used when no {@code database} init arg is given. */
  public static final String DEFAULT_DATABASE = "autopilot";

  /** The init arg that, set to {@code true}, also configures the reactive PostgreSQL client. */
  public static final String REACTIVE_ARG = "reactive";

  private String database = DEFAULT_DATABASE;
  private boolean reactive;

  @Override
  public void init(Map<String, String> initArgs) {
    String requested = initArgs.get(DATABASE_ARG);
    if (requested != null && !requested.isBlank()) {
      database = requested.strip();
    }
    reactive = Boolean.parseBoolean(initArgs.get(REACTIVE_ARG));
  }

  @Override
  public Map<String, String> start() {
    SharedStack stack = SharedStack.get();
    stack.createDatabase(database);
    Map<String, String> config = config(stack, database);
    if (reactive) {
      config.put("quarkus.datasource.reactive.url", stack.reactiveUrl(database));
    }
    return config;
  }

  /** The configuration an application needs to use {@code stack} with {@code database}. */
  public static Map<String, String> config(SharedStack stack, String database) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kafka.bootstrap.servers", stack.bootstrapServers());
    config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl(database));
    config.put("quarkus.datasource.username", "postgres");
    config.put("quarkus.datasource.password", "postgres");
    config.put("quarkus.redis.hosts", stack.redisUrl());
    config.put("quarkus.mailer.host", "127.0.0.1");
    config.put("quarkus.mailer.port", Integer.toString(stack.smtpPort()));
    config.put("quarkus.mailer.mock", "false");
    config.put("quarkus.devservices.enabled", "false");
    config.put("autopilot.auth.tokens-file", TestTokens.tokensFile().toString());
    // The key itself, not its location: in test mode smallrye-jwt's dev service injects an
    // in-memory mp.jwt.verify.publickey that would win over a location.
    config.put("mp.jwt.verify.publickey", publicKeyPem());
    config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
    return config;
  }

  private static String publicKeyPem() {
    try {
      return java.nio.file.Files.readString(TestTokens.publicKeyFile());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the test JWT public key", e);
    }
  }

  @Override
  public void stop() {
    // The stack is shared by the whole JVM; its shutdown hook stops it.
  }
}
