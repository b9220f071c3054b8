package dev.autopilot.backup.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Where backup files are written ({@code backup.storage.*}), and how they are encrypted. */
public interface StorageConfig {
  /** {@code local} (a directory) or {@code s3} (an S3-compatible bucket: AWS, MinIO, ...). */
  @WithDefault("local")
  String kind();

  /**
   * Local directory; each source gets a subdirectory. Relative paths resolve against the working
   * directory.
   */
  @WithDefault("backups")
  String directory();

  /** The S3-compatible bucket, for kind {@code s3}. */
  S3 s3();

  /** Client-side encryption of every new object (AES-256-GCM, streamed), and the older keys. */
  Encryption encryption();

  /** An S3-compatible bucket. */
  interface S3 {
    /** Endpoint URL for MinIO and other S3-compatible servers; absent means AWS. */
    Optional<String> endpoint();

    /** The bucket (it must exist). */
    Optional<String> bucket();

    /** The region (any value for MinIO). */
    @WithDefault("us-east-1")
    String region();

    /** Key prefix before {@code <source>/<file>}, e.g. {@code backups/}. */
    Optional<String> prefix();

    /** Path-style addressing ({@code endpoint/bucket/key}): MinIO and most self-hosted servers. */
    @WithDefault("true")
    boolean pathStyle();

    /** NAME of the variable holding the access key id; absent: the AWS default chain. */
    Optional<String> accessKeyEnv();

    /** NAME of the variable holding the secret access key. */
    Optional<String> secretKeyEnv();

    /** Multipart part size: the only buffer a backup holds in memory (at least 5 MiB). */
    @WithDefault("8388608")
    int partSize();

    /** Attempts per S3 request (the SDK's standard retry strategy with backoff), at least 1. */
    @WithDefault("3")
    int maxAttempts();

    /** Longest one S3 request may take, retries included. */
    @WithDefault("120s")
    Duration requestTimeout();
  }

  /**
   * Client-side encryption with rotating keys. Every key has an id and is read from the variable
   * its {@code env} names; new backups are encrypted with the {@link #activeKey()}, and each backup
   * is decrypted with the key whose id its manifest (and object header) records. Rotating: add the
   * new key, make it active, keep the old ones for as long as their backups are kept.
   */
  interface Encryption {
    /**
     * The keys by id: {@code backup.storage.encryption.keys."<id>".env=<VARIABLE>}. Each variable
     * holds 32 bytes, base64.
     */
    Map<String, Key> keys();

    /**
     * The id of the key new backups are encrypted with (one of {@link #keys()}, or {@link #keyId()}
     * with {@link #keyEnv()}). Absent: the single {@link #keyEnv()} key if set, otherwise new
     * backups are not encrypted (the keys still decrypt older ones).
     */
    Optional<String> activeKey();

    /**
     * Single-key shorthand: NAME of the variable holding a key whose id is {@link #keyId()}; the
     * same as {@code keys."<key-id>".env}, active unless {@link #activeKey()} names another.
     */
    Optional<String> keyEnv();

    /** The id of the {@link #keyEnv()} key. */
    @WithDefault("default")
    String keyId();
  }

  /** One encryption key, by reference. */
  interface Key {
    /** NAME of the environment variable holding the key (base64, 32 bytes); never the key. */
    String env();
  }
}
