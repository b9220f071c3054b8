package dev.autopilot.platform.security;

import dev.autopilot.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * API tokens for machines (CI, Alertmanager), kept as SHA-256 hashes in a file every service reads
 * ({@code <name> <role> <sha256-hex>} per line), so one token works across the suite and a
 * Kubernetes Secret can hold the file. The file is re-read when it changes: revoking a token is
 * deleting its line. Tokens are created by {@code ./autopilot token create}, shown once.
 */
@ApplicationScoped
public class ApiTokenStore {
  private static final Logger LOG = Logger.getLogger(ApiTokenStore.class);

  /** A known token: who it belongs to and its role. */
  public record ApiToken(String name, String role) {}

  private final Optional<Path> file;
  private volatile FileTime loadedAt;
  private volatile Map<String, ApiToken> byHash = Map.of();

  public ApiTokenStore(PlatformConfig config) {
    this.file = config.auth().tokensFile().filter(s -> !s.isBlank()).map(Path::of);
  }

  /** The token's owner and role, if the token is known. */
  public Optional<ApiToken> find(String token) {
    reloadIfChanged();
    return Optional.ofNullable(byHash.get(sha256(token)));
  }

  /** Lowercase hex SHA-256 of the token's UTF-8 text. */
  public static String sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized void reloadIfChanged() {
    if (file.isEmpty()) {
      return;
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file.get());
      if (modified.equals(loadedAt)) {
        return;
      }
      byHash = parse(Files.readAllLines(file.get(), StandardCharsets.UTF_8));
      loadedAt = modified;
    } catch (IOException e) {
      LOG.warnf("cannot read API tokens file %s: %s", file.get(), e.getMessage());
    }
  }

  static Map<String, ApiToken> parse(List<String> lines) {
    Map<String, ApiToken> tokens = new HashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 3
          || Roles.implied(parts[1]).isEmpty()
          || !parts[2].matches("[0-9a-f]{64}")) {
        LOG.warnf("API tokens file line %d ignored: expected '<name> <role> <sha256-hex>'", n);
        continue;
      }
      tokens.put(parts[2], new ApiToken(parts[0], parts[1]));
    }
    return Map.copyOf(tokens);
  }
}
