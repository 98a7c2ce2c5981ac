package io.tierblog.domain.testing;

import io.tierblog.domain.port.out.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
    @Override
    protected UserRepository emptyRepository() {
        return new InMemoryUserRepository();
    }
}
