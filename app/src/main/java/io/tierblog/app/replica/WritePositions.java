package io.tierblog.app.replica;

import io.tierblog.app.UseCaseCalls;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.tierblog.persistence.ReplicaReads;
import io.tierblog.web.ReadPositions;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes: once a writing use case has returned (its transaction committed), reads the
 * primary's WAL position and hands it to the web tier for the visitor's signed cookie, so that
 * their next pages are read from a replica only once it has replayed that far. Exists only when
 * {@code DATABASE_REPLICA_URL} is set; without a replica no write pays for a position.
 *
 * <p>The position is {@code pg_current_wal_insert_lsn()}: the end of the WAL inserted so far,
 * which holds the commit just made even with {@code synchronous_commit = off}, where the written
 * position ({@code pg_current_wal_lsn()}) may not have reached it yet. When it cannot be read
 * (the primary went away just after the commit) the visitor gets a position no server reaches,
 * which keeps their reads on the primary for the cookie's lifetime.
 */
@Singleton
@Requires(bean = ReplicaReads.class)
public class WritePositions {
    private static final Logger LOG = LoggerFactory.getLogger(WritePositions.class);

    private final DataSource primary;
    private final Duration lifetime;

    WritePositions(DataSource dataSource, DataSourceResolver resolver, ReplicaSettings settings) {
        this.primary = resolver.resolve(dataSource);
        this.lifetime = settings.readPositionLifetime();
    }

    /** The primary's position now; {@link Lsn#BEYOND_ANY} when it cannot be read. */
    Lsn current() {
        try (Connection connection = primary.getConnection();
             PreparedStatement statement = connection.prepareStatement(ReplicaMonitor.PRIMARY_POSITION_SQL);
             ResultSet row = statement.executeQuery()) {
            if (row.next()) {
                Optional<Lsn> position = Lsn.parse(row.getString(1));
                if (position.isPresent()) {
                    return position.get();
                }
            }
        } catch (SQLException | RuntimeException failure) {
            LOG.debug("No WAL position after a write ({}); the writer reads from the primary for {} s",
                    ReplicaMonitor.describe(failure), lifetime.toSeconds());
        }
        return Lsn.BEYOND_ANY;
    }

    /** How long a visitor keeps their position. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * {@code useCase}, handing the primary's position to the current request after each call that
     * returns; a call that throws wrote nothing, and one outside a request has nobody to tell.
     */
    public <T> T remembering(Class<T> port, T useCase) {
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port + " is not an interface");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "position-remembering " + port.getSimpleName() + " over " + useCase;
                    default -> throw new IllegalStateException("unexpected " + method);
                };
            }
            Object answer = UseCaseCalls.call(useCase, method, args);
            Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
            if (request.isPresent()) {
                ReadPositions.wrote(request.get(), current().toString(), lifetime);
            }
            return answer;
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }
}
