package io.tierblog.domain.testing;

import io.tierblog.domain.port.out.LoginAttemptRepository;

class InMemoryLoginAttemptRepositoryTest extends LoginAttemptRepositoryContract {
    @Override
    protected LoginAttemptRepository emptyRepository() {
        return new InMemoryLoginAttemptRepository();
    }
}
