package dev.autopilot.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A local HTTP peer standing in for Slack, a webhook receiver, Twilio, MessageMedia and PagerDuty:
 * records every request (method, path, headers, body, arrival time) and answers from a per-path
 * script (status, optional Retry-After), else 200.
 *
 * <p>One per JVM: the test resource (one class loader) starts it and the test (Quarkus's class
 * loader) reads it, so its state lives in JDK collections owned by one copy of this class.
 */
public final class HttpReceiver {
  private final int port;
  private final List<Object[]> requests;
  private final Map<String, Deque<Object[]>> script;
  private final Map<String, Object[]> always;
  private final Map<String, CountDownLatch> holds;

  /** One received request. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body, Instant at) {
    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** A scripted answer. */
  public record Answer(int status, String retryAfter, String body) {}

  @SuppressWarnings("unchecked")
  private HttpReceiver(Object[] state) {
    this.port = (Integer) state[0];
    this.requests = (List<Object[]>) state[1];
    this.script = (Map<String, Deque<Object[]>>) state[2];
    this.always = (Map<String, Object[]>) state[3];
    this.holds = (Map<String, CountDownLatch>) state[4];
  }

  /** The receiver of this test JVM, started on first use. */
  public static HttpReceiver shared() {
    return new HttpReceiver(state());
  }

  private static Object[] state;

  /**
   * The JVM's one state: owned by the copy of this class the system class loader loaded (surefire
   * puts the test classes there; Quarkus loads its own copy per application), reached by reflection
   * and exchanged as JDK types only.
   */
  public static synchronized Object[] state() {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (HttpReceiver.class.getClassLoader() != system) {
      try {
        Class<?> owner = Class.forName(HttpReceiver.class.getName(), true, system);
        if (owner != HttpReceiver.class) {
          return (Object[]) owner.getMethod("state").invoke(null);
        }
      } catch (ReflectiveOperationException | LinkageError e) {
        // The system loader cannot see this class: this copy owns the state.
      }
    }
    if (state == null) {
      Object[] fresh =
          new Object[] {
            0,
            new CopyOnWriteArrayList<Object[]>(),
            new ConcurrentHashMap<String, Deque<Object[]>>(),
            new ConcurrentHashMap<String, Object[]>(),
            new ConcurrentHashMap<String, CountDownLatch>()
          };
      HttpReceiver starting = new HttpReceiver(fresh);
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/", starting::handle);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
      fresh[0] = server.getAddress().getPort();
      state = fresh;
    }
    return state;
  }

  /** Its base URL, e.g. http://127.0.0.1:41234. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Answers the next requests to {@code path} with these, in order, then 200. */
  public void script(String path, Answer... answers) {
    Deque<Object[]> queue =
        script.computeIfAbsent(path, p -> new java.util.concurrent.ConcurrentLinkedDeque<>());
    for (Answer a : answers) {
      queue.add(new Object[] {a.status(), a.retryAfter(), a.body()});
    }
  }

  /** Requests held unanswered until closed. */
  public interface Held extends AutoCloseable {
    /** Answers the held requests and stops holding new ones. */
    @Override
    void close();
  }

  /**
   * Holds every request to {@code path} unanswered (a hung peer) until the result is closed (or 60
   * s passed); each request is recorded on arrival.
   */
  public Held hold(String path) {
    CountDownLatch release = new CountDownLatch(1);
    holds.put(path, release);
    return () -> {
      holds.remove(path, release);
      release.countDown();
    };
  }

  /** Answers every request to {@code path} with this. */
  public void always(String path, Answer answer) {
    always.put(path, new Object[] {answer.status(), answer.retryAfter(), answer.body()});
  }

  /** The requests to {@code path} so far. */
  @SuppressWarnings("unchecked")
  public List<Request> to(String path) {
    return requests.stream()
        .filter(r -> r[1].equals(path))
        .map(
            r ->
                new Request(
                    (String) r[0],
                    (String) r[1],
                    (Map<String, List<String>>) r[2],
                    (String) r[3],
                    (Instant) r[4]))
        .toList();
  }

  /** Waits until {@code path} received {@code count} requests matching {@code body}. */
  public List<Request> await(String path, String bodyContains, int count, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> matching(path, bodyContains).size() >= count);
    return matching(path, bodyContains);
  }

  /** The requests to {@code path} whose body contains {@code text}. */
  public List<Request> matching(String path, String text) {
    return to(path).stream().filter(r -> r.body().contains(text)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Object[] {
          exchange.getRequestMethod(),
          path,
          Map.copyOf(exchange.getRequestHeaders()),
          body,
          Instant.now()
        });
    CountDownLatch held = holds.get(path);
    if (held != null) {
      try {
        held.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Object[] raw = always.get(path);
    if (raw == null) {
      Deque<Object[]> queue = script.get(path);
      raw = queue == null ? null : queue.poll();
    }
    Answer answer =
        raw == null ? null : new Answer((Integer) raw[0], (String) raw[1], (String) raw[2]);
    if (answer == null) {
      answer =
          new Answer(
              path.contains("/v2/enqueue") || path.contains("/v1/messages") ? 202 : 200,
              null,
              "{\"status\":\"ok\"}");
    }
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] out =
        answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
    exchange.close();
  }
}
