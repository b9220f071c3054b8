package dev.autopilot.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Keeps the per-JVM singletons of this module really per JVM.
 *
 * <p>Quarkus loads a {@code @QuarkusTest} class, and the libraries it uses, in a class loader of
 * its own, one per test profile / resource set. A plain {@code static} field would then exist once
 * per Quarkus application and start the stack twice. So the copy of a class loaded by the system
 * class loader (which surefire puts the whole test class path in, and which never closes) owns the
 * state; copies in other loaders reach it by reflection and exchange only JDK types with it.
 */
final class JvmShared {
  private JvmShared() {}

  /**
   * The system class loader's copy of {@code type}, or {@code null} when {@code type} is that copy
   * or the system class loader cannot see it (then {@code type}'s own loader owns the state).
   */
  static Class<?> ownerCopy(Class<?> type) {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (type.getClassLoader() == system) {
      return null;
    }
    try {
      Class<?> copy = Class.forName(type.getName(), true, system);
      return copy == type ? null : copy;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Calls a public static no-argument method of {@code type}. */
  static Object callStatic(Class<?> type, String method) {
    return call(type, null, method, new Class<?>[0]);
  }

  /** Calls a public method on {@code target}, which may come from another class loader. */
  static Object call(Object target, String method, Class<?>[] types, Object... args) {
    return call(target.getClass(), target, method, types, args);
  }

  private static Object call(
      Class<?> type, Object target, String method, Class<?>[] types, Object... args) {
    try {
      Method m = type.getMethod(method, types);
      m.setAccessible(true);
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot call " + type.getName() + "." + method + Arrays.toString(types), e);
    }
  }
}
