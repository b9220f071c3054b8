package dev.autopilot.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Credentials for tests: three API tokens (one per role) in a tokens file the services read, and
 * RS256 JWTs signed by a key pair made once per JVM whose public key is in a PEM file. {@link
 * AutopilotStackResource} points {@code autopilot.auth.tokens-file} and {@code
 * mp.jwt.verify.publickey.location} at these files.
 */
public final class TestTokens {
  /** The {@code iss} of every test JWT and the {@code mp.jwt.verify.issuer} services expect. */
  public static final String ISSUER = "https://autopilot.test";

  /** API token of {@code test-viewer}, role {@code viewer}. */
  public static final String VIEWER = "ap_test_viewer_4f9c2e7a1b6d8e3f5a0c9b2d";

  /** API token of {@code test-operator}, role {@code operator}. */
  public static final String OPERATOR = "ap_test_operator_8b1d6f3a9c2e7b4d0f5a1c8e";

  /** API token of {@code test-admin}, role {@code admin}. */
  public static final String ADMIN = "ap_test_admin_2a7e5c9f1d4b8a6e3c0f7d1b";

  private static final Duration LIFESPAN = Duration.ofHours(1);
  private static volatile KeyPair foreignKeys;

  private TestTokens() {}

  /** A valid JWT for {@code role}, subject and upn {@code test-<role>}. */
  public static String jwt(String role) {
    return jwt(role, "test-" + role);
  }

  /** A valid JWT for {@code role} and {@code subject} (also the upn), valid for an hour. */
  public static String jwt(String role, String subject) {
    Instant now = Instant.now();
    return sign(role, subject, now, now.plus(LIFESPAN), keyPair().getPrivate());
  }

  /** A JWT for {@code role}, correctly signed, that expired an hour ago. */
  public static String expiredJwt(String role) {
    Instant now = Instant.now();
    return sign(
        role,
        "test-" + role,
        now.minus(LIFESPAN.multipliedBy(2)),
        now.minus(LIFESPAN),
        keyPair().getPrivate());
  }

  /** A JWT for {@code role}, otherwise valid, signed by a key the services do not trust. */
  public static String foreignJwt(String role) {
    KeyPair keys = foreignKeys;
    if (keys == null) {
      synchronized (TestTokens.class) {
        if (foreignKeys == null) {
          foreignKeys = newRsaKeyPair();
        }
        keys = foreignKeys;
      }
    }
    Instant now = Instant.now();
    return sign(role, "test-" + role, now, now.plus(LIFESPAN), keys.getPrivate());
  }

  /** The tokens file: one {@code <name> <role> <sha256hex>} line per token above. */
  public static Path tokensFile() {
    Class<?> owner = JvmShared.ownerCopy(TestTokens.class);
    return owner == null
        ? Credentials.get().tokensFile
        : (Path) JvmShared.callStatic(owner, "tokensFile");
  }

  /** The PEM file ({@code BEGIN PUBLIC KEY}) of the key pair that signs {@link #jwt}. */
  public static Path publicKeyFile() {
    Class<?> owner = JvmShared.ownerCopy(TestTokens.class);
    return owner == null
        ? Credentials.get().publicKeyFile
        : (Path) JvmShared.callStatic(owner, "publicKeyFile");
  }

  /** The RSA key pair that signs {@link #jwt}, the same in every class loader of this JVM. */
  public static KeyPair keyPair() {
    Class<?> owner = JvmShared.ownerCopy(TestTokens.class);
    return owner == null
        ? Credentials.get().keys
        : (KeyPair) JvmShared.callStatic(owner, "keyPair");
  }

  /** Lowercase hex SHA-256 of the token's UTF-8 bytes, as the tokens file stores it. */
  public static String sha256Hex(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(
      String role, String subject, Instant issuedAt, Instant expiresAt, PrivateKey key) {
    return Jwt.issuer(ISSUER)
        .subject(subject)
        .upn(subject)
        .groups(Set.of(role))
        .issuedAt(issuedAt)
        .expiresAt(expiresAt)
        .jws()
        .keyId("autopilot-test")
        .sign(key);
  }

  private static KeyPair newRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key pair and the two files, made once by the class loader that owns them. */
  private static final class Credentials {
    private static final Credentials INSTANCE = new Credentials();

    final KeyPair keys = newRsaKeyPair();
    final Path tokensFile;
    final Path publicKeyFile;

    private Credentials() {
      try {
        Path dir =
            Files.createTempDirectory(
                Path.of(System.getProperty("java.io.tmpdir")), "autopilot-auth-");
        dir.toFile().deleteOnExit();
        tokensFile = dir.resolve("api-tokens.txt");
        Files.writeString(
            tokensFile,
            line("test-viewer", "viewer", VIEWER)
                + line("test-operator", "operator", OPERATOR)
                + line("test-admin", "admin", ADMIN),
            StandardCharsets.UTF_8);
        tokensFile.toFile().deleteOnExit();
        publicKeyFile = dir.resolve("jwt-public-key.pem");
        Files.writeString(
            publicKeyFile,
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n",
            StandardCharsets.US_ASCII);
        publicKeyFile.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the test credentials", e);
      }
    }

    static Credentials get() {
      return INSTANCE;
    }

    private static String line(String name, String role, String token) {
      return name + " " + role + " " + sha256Hex(token) + "\n";
    }
  }
}
