package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class StartupWarmUpTest {
    @Inject
    StartupWarmUp warmUp;

    @Inject
    RenderedPageCache pages;

    @Test
    void readsThePostsAndRendersTheIndexAndTheLogInFormWhileTheServerStarts() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (warmUp.took().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(warmUp.took()).as("the warm-up finished without a failure").isPresent();
        assertThat(warmUp.thread()).get().extracting(Thread::getName).as("not the thread that started the server")
                .isEqualTo("start-up-warm-up");
        assertThat(pages.size()).as("the visitor's index kept").isGreaterThanOrEqualTo(1);
    }

    @Test
    void canBeTurnedOff() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("tierblog.web.warm-up.enabled", "false"), "test")) {
            assertThat(context.findBean(StartupWarmUp.class)).isEmpty();
        }
    }
}
