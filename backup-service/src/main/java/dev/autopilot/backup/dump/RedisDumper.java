package dev.autopilot.backup.dump;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.RedisSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Saves a Redis server's RDB snapshot the way a replica gets it: {@code SYNC} over the replication
 * protocol, the payload streamed straight into the backup. This is what {@code redis-cli --rdb}
 * does; speaking it directly needs no redis-cli binary (not installed in the service's images) and
 * no extra library (no Redis client exposes SYNC as a stream). Handles both the length-prefixed
 * ({@code $<n>}) and the diskless ({@code $EOF:<40-byte mark>}) payload forms.
 */
@ApplicationScoped
public class RedisDumper implements Dumper {
  private static final int EOF_MARK_LENGTH = 40;

  private final Duration connectTimeout;
  private final Duration timeout;

  public RedisDumper(BackupConfig config) {
    this.connectTimeout = config.dump().connectTimeout();
    this.timeout = config.dump().timeout();
  }

  @Override
  public SourceKind kind() {
    return SourceKind.REDIS;
  }

  @Override
  public String fileExtension() {
    return ".rdb";
  }

  @Override
  public DumpInfo dump(BackupSource source, OutputStream out) throws DumpException, IOException {
    RedisSource redis = (RedisSource) source;
    String where = redis.host() + ":" + redis.port();
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(redis.host(), redis.port()), (int) connectTimeout.toMillis());
      // Generous: a big dataset's snapshot can take long before its first byte arrives.
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream command = socket.getOutputStream();
      String password = password(redis);
      if (password != null) {
        command.write(resp("AUTH", password));
        String reply = line(in);
        if (!reply.startsWith("+")) {
          throw new DumpException("redis " + where + " refused AUTH: " + reply);
        }
      }
      command.write(resp("INFO", "server"));
      String version = version(in);
      command.write(resp("SYNC"));
      command.flush();
      String header;
      do {
        header = line(in); // the master sends bare newlines while it prepares the snapshot
      } while (header.isEmpty());
      if (header.startsWith("-")) {
        throw new DumpException("redis " + where + " refused SYNC: " + header.substring(1));
      }
      if (!header.startsWith("$")) {
        throw new DumpException("redis " + where + " answered SYNC with '" + header + "'");
      }
      if (header.startsWith("$EOF:")) {
        copyUntilMark(in, out, header.substring(5).getBytes(StandardCharsets.US_ASCII));
      } else {
        copyExactly(in, out, Long.parseLong(header.substring(1)));
      }
      return new DumpInfo("redis replication SYNC", "RESP2", version, null);
    } catch (java.net.SocketTimeoutException e) {
      throw new DumpException("redis " + where + " did not answer within " + timeout);
    } catch (java.net.ConnectException e) {
      throw new DumpException("cannot connect to redis " + where + ": " + e.getMessage());
    }
  }

  private static String password(RedisSource source) throws DumpException {
    if (source.passwordEnv().isEmpty()) {
      return null;
    }
    String value = System.getenv(source.passwordEnv().get());
    if (value == null) {
      throw new DumpException(
          "environment variable "
              + source.passwordEnv().get()
              + " (password-env of source "
              + source.name()
              + ") is not set");
    }
    return value;
  }

  /** The redis_version line of {@code INFO server}. */
  private static String version(InputStream in) throws IOException, DumpException {
    String header = line(in);
    if (!header.startsWith("$")) {
      throw new DumpException("unexpected answer to INFO: " + header);
    }
    byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
    for (String l : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
      if (l.startsWith("redis_version:")) {
        return "redis " + l.substring("redis_version:".length());
      }
    }
    return "redis (version unknown)";
  }

  private static void copyExactly(InputStream in, OutputStream out, long length)
      throws IOException, DumpException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new DumpException("redis closed the connection " + left + " bytes before the end");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /**
   * Copies until the 40-byte end mark, holding back the last 40 bytes read so the mark itself is
   * never written.
   */
  private static void copyUntilMark(InputStream in, OutputStream out, byte[] mark)
      throws IOException, DumpException {
    if (mark.length != EOF_MARK_LENGTH) {
      throw new DumpException("redis sent an end mark of " + mark.length + " bytes");
    }
    byte[] window = new byte[64 * 1024 + EOF_MARK_LENGTH];
    int held = 0;
    while (true) {
      int n = in.read(window, held, window.length - held);
      if (n < 0) {
        throw new DumpException("redis closed the connection before the end mark");
      }
      held += n;
      if (held >= EOF_MARK_LENGTH
          && Arrays.equals(window, held - EOF_MARK_LENGTH, held, mark, 0, EOF_MARK_LENGTH)) {
        out.write(window, 0, held - EOF_MARK_LENGTH);
        return;
      }
      int release = held - EOF_MARK_LENGTH;
      if (release > 0) {
        out.write(window, 0, release);
        System.arraycopy(window, release, window, 0, EOF_MARK_LENGTH);
        held = EOF_MARK_LENGTH;
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > 4096) {
        throw new IOException("line too long");
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static byte[] resp(String... parts) {
    StringBuilder s = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String p : parts) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      s.append('$').append(bytes.length).append("\r\n").append(p).append("\r\n");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
