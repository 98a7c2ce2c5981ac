package io.tierblog.domain.testing;

class InMemoryPostRepositoryTest extends PostRepositoryContract {
    @Override
    protected Repositories emptyRepositories() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Repositories(users, new InMemoryPostRepository(users));
    }
}
