package dev.autopilot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.core.RedisServerBuilder;

/**
 * A Redis server process on a free loopback port, from the binary bundled in embedded-redis, or
 * from a {@code redis-server} on the PATH if the bundled one cannot run here. No persistence.
 */
final class RedisProcess {
  private static final System.Logger LOG = System.getLogger(SharedStack.class.getName());

  private final RedisServer server;
  private final int port;

  private RedisProcess(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts Redis; tries the bundled binary first, unpacking it into {@code binDir}. */
  static RedisProcess start(Path binDir) {
    int port = FreePorts.next();
    try {
      Files.createDirectories(binDir);
      return new RedisProcess(
          started(
              builder(port)
                  .executableProvider(ExecutableProvider.newJarResourceProvider(binDir.toFile()))),
          port);
    } catch (IOException bundled) {
      LOG.log(
          Level.WARNING,
          "bundled redis-server cannot run here (" + bundled + "), trying redis-server on PATH");
      try {
        return new RedisProcess(
            started(
                builder(port)
                    .executableProvider(ExecutableProvider.newExecutableInPath("redis-server"))),
            port);
      } catch (IOException path) {
        path.addSuppressed(bundled);
        throw new UncheckedIOException("no runnable redis-server (bundled or on PATH)", path);
      }
    }
  }

  /** The port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The server's process id, for the watchdog. */
  Optional<Long> pid() {
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  /** Stops the process. */
  void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RedisServerBuilder builder(int port) {
    return RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("save \"\"")
        .setting("appendonly no")
        .setting("protected-mode no")
        // Drain its output: an undrained pipe would block the server once full.
        .soutListener(line -> {})
        .serrListener(line -> {});
  }

  private static RedisServer started(RedisServerBuilder builder) throws IOException {
    RedisServer server = builder.build();
    server.start();
    return server;
  }
}
