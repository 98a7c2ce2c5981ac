package io.tierblog.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The one reflective call behind the proxies the app wraps use cases in (a transaction, a choice
 * of pool, a write's position): the use case's own exceptions come out as they were thrown.
 */
public final class UseCaseCalls {
    private UseCaseCalls() {
    }

    public static Object call(Object target, Method method, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
