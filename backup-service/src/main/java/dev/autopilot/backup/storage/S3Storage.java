package dev.autopilot.backup.storage;

import dev.autopilot.backup.config.StorageConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Backup objects in an S3-compatible bucket under {@code <prefix><source>/<fileName>}. Streamed:
 * bytes fill one part buffer ({@code part-size}); each full buffer is uploaded as a multipart part,
 * so memory stays at one part whatever the backup's size. A small backup is one PUT. The object
 * exists only once the upload completes; a failed backup aborts its multipart upload. Requests are
 * retried by the SDK's standard strategy, a bounded number of times.
 */
public class S3Storage implements BackupStorage, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(S3Storage.class);
  private static final String SAFE_NAME = "^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  public S3Storage(StorageConfig.S3 config) {
    this.bucket = config.bucket().orElseThrow();
    this.prefix = config.prefix().orElse("");
    this.partSize = config.partSize();
    var builder =
        S3Client.builder()
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            .credentialsProvider(credentials(config))
            // our own sha256 covers integrity end to end; s3mock/MinIO need no trailing checksums
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(java.time.Duration.ofSeconds(10))
                    .socketTimeout(java.time.Duration.ofSeconds(60))
                    .build())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(r -> r.maxAttempts(config.maxAttempts()))
                        .apiCallTimeout(config.requestTimeout()));
    config.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
    this.s3 = builder.build();
  }

  private static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
    if (config.accessKeyEnv().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String access = System.getenv(config.accessKeyEnv().get());
    String secret = config.secretKeyEnv().map(System::getenv).orElse(null);
    if (access == null || secret == null) {
      throw new IllegalStateException(
          "backup.storage.s3: access-key-env/secret-key-env name variables that are not set");
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
  }

  @Override
  public Upload begin(String source, String fileName) {
    if (!source.matches(SAFE_NAME) || !fileName.matches(SAFE_NAME)) {
      throw new IllegalArgumentException("unsafe backup key " + source + "/" + fileName);
    }
    return new S3Upload(prefix + source + "/" + fileName);
  }

  @Override
  public void delete(String location) throws IOException {
    String key = keyOf(location);
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException | java.io.UncheckedIOException e) {
      throw new IOException("cannot delete " + location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String location) throws IOException {
    String key = keyOf(location);
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(location);
    } catch (SdkException | java.io.UncheckedIOException e) {
      throw new IOException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Path> localFile(String location) {
    return Optional.empty();
  }

  @Override
  public void close() {
    s3.close();
  }

  private String keyOf(String location) {
    String expected = "s3://" + bucket + "/";
    if (!location.startsWith(expected)) {
      throw new IllegalArgumentException(location + " is not in bucket " + bucket);
    }
    return location.substring(expected.length());
  }

  /** One object being written: a part buffer, then one PUT or a multipart upload. */
  private final class S3Upload implements Upload {
    private final String key;
    private final ByteArrayOutputStream part = new ByteArrayOutputStream();
    private final List<CompletedPart> parts = new ArrayList<>();
    private String uploadId;
    private boolean finished;
    private final OutputStream stream =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
              int n = Math.min(len, partSize - part.size());
              part.write(b, off, n);
              off += n;
              len -= n;
              if (part.size() == partSize) {
                uploadPart();
              }
            }
          }
        };

    S3Upload(String key) {
      this.key = key;
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    private void uploadPart() throws IOException {
      try {
        if (uploadId == null) {
          uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        }
        int number = parts.size() + 1;
        String etag =
            s3.uploadPart(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(part.toByteArray()))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        part.reset();
      } catch (SdkException | java.io.UncheckedIOException e) {
        throw new IOException("S3 upload of " + key + " failed: " + e.getMessage(), e);
      }
    }

    @Override
    public String commit() throws IOException {
      try {
        if (uploadId == null) {
          s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(part.toByteArray()));
        } else {
          if (part.size() > 0) {
            uploadPart();
          }
          s3.completeMultipartUpload(
              b ->
                  b.bucket(bucket)
                      .key(key)
                      .uploadId(uploadId)
                      .multipartUpload(m -> m.parts(parts)));
        }
        finished = true;
        return "s3://" + bucket + "/" + key;
      } catch (SdkException | java.io.UncheckedIOException e) {
        throw new IOException("S3 upload of " + key + " failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void abort() {
      if (finished) {
        return;
      }
      finished = true;
      part.reset();
      if (uploadId != null) {
        try {
          s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException | java.io.UncheckedIOException e) {
          LOG.warnf("cannot abort multipart upload of %s: %s", key, e.getMessage());
        }
      }
    }

    @Override
    public void close() {
      abort();
    }
  }
}
