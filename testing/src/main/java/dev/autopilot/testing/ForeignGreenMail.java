package dev.autopilot.testing;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Properties;

/**
 * This class loader's view of a GreenMail server that another class loader owns (see {@link
 * JvmShared}). Methods whose parameters and result are JDK types are forwarded as they are;
 * received messages are copied across as their raw MIME bytes. Methods that would hand over
 * GreenMail's own objects (users, servers, managers) are not supported.
 */
final class ForeignGreenMail implements InvocationHandler {
  private final Object target;

  private ForeignGreenMail(Object target) {
    this.target = target;
  }

  /** Wraps {@code target}, a GreenMail of another class loader. */
  static GreenMailOperations wrap(Object target) {
    return (GreenMailOperations)
        Proxy.newProxyInstance(
            GreenMailOperations.class.getClassLoader(),
            new Class<?>[] {GreenMailOperations.class},
            new ForeignGreenMail(target));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    Object[] arguments = args == null ? new Object[0] : args;
    switch (method.getName()) {
      case "equals":
        return proxy == arguments[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "GreenMail of another class loader: " + target;
      default:
        break;
    }
    boolean portableArguments = portable(method.getGenericParameterTypes());
    if (method.getReturnType() == MimeMessage[].class && portableArguments) {
      Object[] messages = (Object[]) JvmShared.call(target, method.getName(), types(method), args);
      MimeMessage[] copies = new MimeMessage[messages.length];
      for (int i = 0; i < messages.length; i++) {
        copies[i] = copy(messages[i]);
      }
      return copies;
    }
    if (portableArguments && portable(method.getGenericReturnType())) {
      return JvmShared.call(target, method.getName(), types(method), arguments);
    }
    throw new UnsupportedOperationException(
        method.getName()
            + " hands over GreenMail objects, which cannot cross class loaders; the stack's"
            + " GreenMail is owned by "
            + target.getClass().getClassLoader());
  }

  private static MimeMessage copy(Object foreignMessage) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    JvmShared.call(foreignMessage, "writeTo", new Class<?>[] {java.io.OutputStream.class}, raw);
    // Jakarta Mail finds its provider through the context class loader; make that ours.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(MimeMessage.class.getClassLoader());
    try {
      return new MimeMessage(
          Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot copy a received message", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Class<?>[] types(Method method) {
    return method.getParameterTypes();
  }

  /** Whether every class named in {@code types}, type arguments included, is a JDK one. */
  private static boolean portable(Type... types) {
    for (Type type : types) {
      for (String name : type.getTypeName().split("[<>,\\[\\]\\s?]+")) {
        // Names without a dot are primitives, type variables and the words extends / super.
        if (name.contains(".") && !name.startsWith("java.")) {
          return false;
        }
      }
    }
    return true;
  }
}
