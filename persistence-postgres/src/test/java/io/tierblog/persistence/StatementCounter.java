package io.tierblog.persistence;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Counts the SQL statements the application prepares or creates, by wrapping the data source.
 * Only in contexts that set {@value #ENABLED}.
 */
@Singleton
@Requires(property = StatementCounter.ENABLED, value = "true")
class StatementCounter implements BeanCreatedEventListener<DataSource>, Ordered {
    static final String ENABLED = "tierblog.test.count-statements";
    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "prepareCall", "createStatement");

    private final AtomicInteger statements = new AtomicInteger();

    /** First, so that Micronaut's contextual-connection wrapper wraps the counting data source. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource target = event.getBean();
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class, AutoCloseable.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        if (target instanceof AutoCloseable closeable) {
                            closeable.close();
                        }
                        return null;
                    }
                    Object result = invoke(target, method, arguments);
                    return result instanceof Connection connection ? counting(connection) : result;
                });
    }

    int count() {
        return statements.get();
    }

    void reset() {
        statements.set(0);
    }

    private Connection counting(Connection connection) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (STATEMENT_METHODS.contains(method.getName())) {
                statements.incrementAndGet();
            }
            return invoke(connection, method, arguments);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments)
            throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
