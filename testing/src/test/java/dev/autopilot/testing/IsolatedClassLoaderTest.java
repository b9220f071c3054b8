package dev.autopilot.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Quarkus does to a {@code @QuarkusTest}: load this module and its libraries again in a class
 * loader of their own. That copy must reuse the running stack and key pair, not start new ones.
 */
class IsolatedClassLoaderTest {
  private static URLClassLoader isolated;

  @BeforeAll
  static void loadEverythingAgain() throws Exception {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws Exception {
    isolated.close();
  }

  @Test
  void copyInAnotherLoaderReusesTheRunningStack() throws Exception {
    Class<?> copy = isolated.loadClass(SharedStack.class.getName());
    assertNotSame(SharedStack.class, copy);

    Object foreignStack = call(copy, null, "get");

    assertEquals(SharedStack.get().info(), call(copy, foreignStack, "info"));
  }

  @Test
  void copyInAnotherLoaderSignsWithTheSameKeysAndFiles() throws Exception {
    Class<?> copy = isolated.loadClass(TestTokens.class.getName());

    assertSame(TestTokens.keyPair(), (KeyPair) call(copy, null, "keyPair"));
    assertEquals(TestTokens.tokensFile(), call(copy, null, "tokensFile"));
    assertEquals(TestTokens.publicKeyFile(), call(copy, null, "publicKeyFile"));
  }

  @Test
  void copyInAnotherLoaderReadsTheSameMailbox() throws Exception {
    Object foreignStack = call(isolated.loadClass(SharedStack.class.getName()), null, "get");
    Object view = call(foreignStack.getClass(), foreignStack, "greenMail");
    Class<?> operations = isolated.loadClass("com.icegreen.greenmail.base.GreenMailOperations");
    String subject = "isolated " + UUID.randomUUID();

    GreenMailUtil.sendTextEmail(
        "someone@example.test",
        "autopilot@example.test",
        subject,
        "body",
        new ServerSetup(SharedStack.get().smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> subjects(operations, view).contains(subject));
    assertEquals(
        Boolean.TRUE,
        operations
            .getMethod("waitForIncomingEmail", long.class, int.class)
            .invoke(view, 1_000L, 1));
    // GreenMail's own types cannot cross loaders; the view says so instead of failing obscurely.
    InvocationTargetException e =
        assertThrows(
            InvocationTargetException.class, () -> operations.getMethod("getSmtp").invoke(view));
    assertEquals(UnsupportedOperationException.class, e.getCause().getClass());
  }

  private static List<String> subjects(Class<?> operations, Object view) throws Exception {
    Object[] messages = (Object[]) call(operations, view, "getReceivedMessages");
    List<String> subjects = new ArrayList<>();
    for (Object message : messages) {
      // The copies are MimeMessages of the isolated loader.
      assertEquals(isolated, message.getClass().getClassLoader());
      subjects.add((String) call(message.getClass(), message, "getSubject"));
    }
    return subjects;
  }

  private static Object call(Class<?> type, Object target, String name) throws Exception {
    Method method = type.getMethod(name);
    method.setAccessible(true);
    return method.invoke(target);
  }
}
