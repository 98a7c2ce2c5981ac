package io.tierblog.domain.testing;

import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.out.UserRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link UserRepository} in memory: same contract as the PostgreSQL one, for fast tests. */
public class InMemoryUserRepository implements UserRepository {
    private final Map<Long, User> byId = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized User add(Username username, PasswordHash passwordHash) {
        if (findByUsername(username).isPresent()) {
            throw new UsernameTakenException(username);
        }
        User user = new User(new UserId(nextId++), username, passwordHash);
        byId.put(user.id().value(), user);
        return user;
    }

    @Override
    public synchronized Optional<User> findByUsername(Username username) {
        return byId.values().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    public synchronized int count() {
        return byId.size();
    }

    public synchronized void clear() {
        byId.clear();
        nextId = 1;
    }
}
