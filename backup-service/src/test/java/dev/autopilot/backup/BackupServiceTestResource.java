package dev.autopilot.backup;

import dev.autopilot.testing.AutopilotStackResource;
import dev.autopilot.testing.SharedStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The shared real stack with backup-service's own database, plus a second database, {@code shop},
 * with a seeded table for backups to dump.
 */
public class BackupServiceTestResource extends AutopilotStackResource {
  /** The database the test source {@code shop} dumps. */
  public static final String SHOP_DATABASE = "shop";

  /** The database the test source {@code lab} dumps; restore tests change and restore it. */
  public static final String LAB_DATABASE = "lab";

  /** A table seeded in {@link #SHOP_DATABASE}; its name must appear in the dump's listing. */
  public static final String SEEDED_TABLE = "shop_orders";

  @Override
  public void init(Map<String, String> initArgs) {
    super.init(Map.of("database", "backup"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    SharedStack stack = SharedStack.get();
    stack.createDatabase(SHOP_DATABASE);
    stack.createDatabase(LAB_DATABASE);
    seed(stack);
    config.put("test-stack.postgres-port", Integer.toString(stack.postgresPort()));
    config.put("test-stack.redis-port", Integer.toString(stack.redisPort()));
    return config;
  }

  /** A connection to {@code database} in the shared Postgres. */
  public static Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("password", "postgres");
    return new org.postgresql.Driver().connect(SharedStack.get().jdbcUrl(database), props);
  }

  private static void seed(SharedStack stack) {
    try (Connection c = connect(SHOP_DATABASE);
        Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists "
              + SEEDED_TABLE
              + " (id int primary key, item text not null, amount numeric(10,2) not null)");
      s.execute(
          "insert into "
              + SEEDED_TABLE
              + " select g, 'item-' || g, g * 1.5 from generate_series(1, 2000) g"
              + " on conflict do nothing");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot seed the shop database", e);
    }
  }
}
