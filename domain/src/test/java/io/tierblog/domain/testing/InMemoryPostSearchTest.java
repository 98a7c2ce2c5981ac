package io.tierblog.domain.testing;

class InMemoryPostSearchTest extends PostSearchContract {
    @Override
    protected Adapters emptyAdapters() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryPostRepository posts = new InMemoryPostRepository(users);
        return new Adapters(users, posts, new InMemoryPostSearch(posts, users));
    }
}
