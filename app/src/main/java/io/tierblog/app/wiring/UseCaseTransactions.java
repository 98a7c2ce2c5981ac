package io.tierblog.app.wiring;

import io.tierblog.app.UseCaseCalls;
import io.micronaut.transaction.TransactionOperations;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Declares the transaction boundary at a use case: every call through the returned port runs in
 * one database transaction, committed when the call returns and rolled back when it throws.
 * Services stay plain Java; only the wiring knows that transactions exist.
 */
final class UseCaseTransactions {
    private final TransactionOperations<Connection> transactions;
    private final UnaryOperator<RuntimeException> failureTranslator;

    UseCaseTransactions(TransactionOperations<Connection> transactions,
                        UnaryOperator<RuntimeException> failureTranslator) {
        this.transactions = Objects.requireNonNull(transactions);
        this.failureTranslator = Objects.requireNonNull(failureTranslator);
    }

    /** {@code useCase}, with each call of a method of {@code port} in a read-write transaction. */
    <T> T writing(Class<T> port, T useCase) {
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port + " is not an interface");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(port, useCase, proxy, method, args);
            }
            try {
                return transactions.executeWrite(status -> UseCaseCalls.call(useCase, method, args));
            } catch (RuntimeException failure) {
                throw failureTranslator.apply(failure);
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }


    private static Object objectMethod(Class<?> port, Object target, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "transactional " + port.getSimpleName() + " over " + target;
            default -> throw new IllegalStateException("unexpected " + method);
        };
    }
}
