package io.tierblog.domain.service;

import io.tierblog.domain.model.Post;
import io.tierblog.domain.port.in.PublishPostCommand;
import io.tierblog.domain.port.in.PublishPostUseCase;
import io.tierblog.domain.port.out.PostRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

public final class PublishPostService implements PublishPostUseCase {
    private final PostRepository posts;
    private final Clock clock;

    public PublishPostService(PostRepository posts, Clock clock) {
        this.posts = Objects.requireNonNull(posts);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Post publish(PublishPostCommand command) {
        // Microseconds: the precision PostgreSQL keeps, so a stored post reads back equal.
        var created = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return posts.add(command.authorId(), created, command.title(), command.body(), command.language());
    }
}
