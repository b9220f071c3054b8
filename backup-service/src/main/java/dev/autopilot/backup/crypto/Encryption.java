package dev.autopilot.backup.crypto;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.StorageConfig;
import dev.autopilot.backup.dump.DumpException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The service's encryption keys, read once at startup (a missing or bad key stops the service): the
 * active key encrypts new backups; every configured key decrypts the backups whose manifest names
 * it. A backup whose key was removed from the configuration is refused with the key's id.
 */
@ApplicationScoped
public class Encryption {
  private final Map<String, EncryptionKey> keys;
  private final Optional<EncryptionKey> active;

  @jakarta.inject.Inject
  public Encryption(BackupConfig config) {
    this(config.storage().encryption());
  }

  /** The keys of a configuration that passed {@link #problems(StorageConfig.Encryption)}. */
  public Encryption(StorageConfig.Encryption config) {
    Map<String, String> envs = keyEnvs(config);
    Map<String, EncryptionKey> byId = new TreeMap<>();
    envs.forEach((id, env) -> byId.put(id, EncryptionKey.fromEnv(id, env)));
    this.keys = Map.copyOf(byId);
    this.active = activeId(config).map(byId::get);
  }

  /** The key new backups are encrypted with; empty when new backups are not encrypted. */
  public Optional<EncryptionKey> active() {
    return active;
  }

  /** The configured key ids, sorted. */
  public java.util.Set<String> ids() {
    return new java.util.TreeSet<>(keys.keySet());
  }

  /**
   * The key a backup's manifest names.
   *
   * @throws DumpException when no key of that id is configured (any more): the message names the
   *     id, the configured ids and how to add it back
   */
  public EncryptionKey forBackup(String keyId) throws DumpException {
    EncryptionKey key = keys.get(keyId);
    if (key == null) {
      throw new DumpException(
          "the backup is encrypted with key '"
              + keyId
              + "', which is not configured"
              + (keys.isEmpty() ? " (no keys are)" : " (configured: " + ids() + ")")
              + "; restore refused, nothing was touched. Configure it again as"
              + " backup.storage.encryption.keys.\""
              + keyId
              + "\".env");
    }
    return key;
  }

  /** Key id → NAME of its variable, from {@code keys} and the {@code key-env} shorthand. */
  static Map<String, String> keyEnvs(StorageConfig.Encryption config) {
    Map<String, String> envs = new LinkedHashMap<>();
    config.keys().forEach((id, key) -> envs.put(id, key.env()));
    config.keyEnv().ifPresent(env -> envs.putIfAbsent(config.keyId(), env));
    return envs;
  }

  private static Optional<String> activeId(StorageConfig.Encryption config) {
    return config.activeKey().or(() -> config.keyEnv().map(env -> config.keyId()));
  }

  /** What is wrong with the encryption settings; empty when nothing is. */
  public static java.util.List<String> problems(StorageConfig.Encryption config) {
    java.util.List<String> problems = new java.util.ArrayList<>();
    String prefix = "backup.storage.encryption.";
    String idPattern = "^[A-Za-z0-9._-]{1,64}$";
    String envPattern = "^[A-Za-z_][A-Za-z0-9_]{0,127}$";
    config
        .keys()
        .forEach(
            (id, key) -> {
              if (!id.matches(idPattern)) {
                problems.add(
                    prefix
                        + "keys: key id '"
                        + id
                        + "' must be 1-64 letters, digits, '.', '_', '-'");
              }
              if (!key.env().matches(envPattern)) {
                problems.add(prefix + "keys.\"" + id + "\".env must name an environment variable");
              }
            });
    if (config.keyEnv().isPresent()) {
      if (!config.keyEnv().get().matches(envPattern)) {
        problems.add(prefix + "key-env must name an environment variable");
      }
      if (!config.keyId().matches(idPattern)) {
        problems.add(prefix + "key-id must be 1-64 letters, digits, '.', '_', '-'");
      }
      StorageConfig.Key same = config.keys().get(config.keyId());
      if (same != null && !same.env().equals(config.keyEnv().get())) {
        problems.add(
            prefix
                + "key '"
                + config.keyId()
                + "' is defined twice (key-env and keys.\""
                + config.keyId()
                + "\".env) with different variables");
      }
    }
    config
        .activeKey()
        .filter(id -> !keyEnvs(config).containsKey(id))
        .ifPresent(
            id ->
                problems.add(
                    prefix
                        + "active-key '"
                        + id
                        + "' is not one of the configured keys "
                        + keyEnvs(config).keySet()));
    return problems;
  }
}
