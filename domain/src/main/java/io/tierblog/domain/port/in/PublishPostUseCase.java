package io.tierblog.domain.port.in;

import io.tierblog.domain.model.Post;

public interface PublishPostUseCase {
    Post publish(PublishPostCommand command);
}
