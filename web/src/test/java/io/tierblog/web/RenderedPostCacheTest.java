package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.model.Username;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenderedPostCacheTest {
    private static final Instant CREATED = Instant.parse("2024-01-02T03:04:05Z");

    @Test
    void aCopyIsFoundOnlyForTheSummaryItWasRenderedFrom() {
        RenderedPostCache cache = new RenderedPostCache(1_000_000);
        RenderedPost post = rendered(summary(1, 7, "alice"), 100);
        cache.put(post);

        assertThat(cache.get(summary(1, 7, "alice"))).containsSame(post);
        assertThat(cache.get(summary(1, 8, "alice"))).as("another revision").isEmpty();
        assertThat(cache.get(summary(1, 7, "alicia"))).as("the author renamed").isEmpty();
        assertThat(cache.get(summary(2, 7, "alice"))).as("another post").isEmpty();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(3);
    }

    @Test
    void aNewerRevisionTakesTheOlderOnesPlaceAndItsBytes() {
        RenderedPostCache cache = new RenderedPostCache(1_000_000);
        cache.put(rendered(summary(1, 7, "alice"), 1_000));
        long oneCopy = cache.bytes();

        cache.put(rendered(summary(1, 9, "alice"), 1_000));

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(oneCopy);
        assertThat(cache.get(summary(1, 7, "alice"))).isEmpty();
        assertThat(cache.get(summary(1, 9, "alice"))).isPresent();
    }

    @Test
    void theLeastRecentlyUsedCopiesGoWhenTheBudgetIsExceeded() {
        RenderedPost first = rendered(summary(1, 1, "a"), 1_000);
        RenderedPost second = rendered(summary(2, 2, "a"), 1_000);
        RenderedPost third = rendered(summary(3, 3, "a"), 1_000);
        // Room for two of them, not three.
        RenderedPostCache cache = new RenderedPostCache(first.bytes() + second.bytes() + third.bytes() - 1);
        cache.put(first);
        cache.put(second);
        assertThat(cache.get(first.summary())).as("first is now the more recently used").isPresent();

        cache.put(third);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(second.summary())).as("the least recently used").isEmpty();
        assertThat(cache.get(first.summary())).isPresent();
        assertThat(cache.get(third.summary())).isPresent();
        assertThat(cache.bytes()).isEqualTo(first.bytes() + third.bytes()).isLessThanOrEqualTo(cache.budget());
    }

    @Test
    void bytesAreCountedFromTheTextAtTwoBytesACharacter() {
        RenderedPost small = rendered(summary(1, 1, "a"), 10);
        RenderedPost large = rendered(summary(1, 1, "a"), 10_010);

        assertThat(large.bytes() - small.bytes()).isEqualTo(20_000);
        assertThat(small.bytes()).isGreaterThan(RenderedPost.OVERHEAD_BYTES);
    }

    @Test
    void aCopyLargerThanTheBudgetIsNotKeptAndDropsTheOlderVersion() {
        RenderedPostCache cache = new RenderedPostCache(5_000);
        cache.put(rendered(summary(1, 1, "a"), 100));

        cache.put(rendered(summary(1, 2, "a"), 10_000));

        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        RenderedPostCache cache = new RenderedPostCache(0);
        RenderedPost post = rendered(summary(1, 1, "a"), 1);

        cache.put(post);

        assertThat(cache.get(post.summary())).isEmpty();
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new RenderedPostCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyThreadsKeepTheBudgetAndTheCount() throws InterruptedException {
        RenderedPost sample = rendered(summary(1, 1, "a"), 500);
        RenderedPostCache cache = new RenderedPostCache(sample.bytes() * 50);
        Thread[] threads = new Thread[4];
        java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            int offset = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    int id = (i * 7 + offset) % 200 + 1;
                    PostSummary summary = summary(id, i % 3, "a");
                    if (cache.get(summary).isEmpty()) {
                        cache.put(rendered(summary, 500));
                    }
                }
            });
            threads[t].setUncaughtExceptionHandler((thread, failure) -> failures.add(failure));
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(cache.bytes()).isLessThanOrEqualTo(cache.budget()).isEqualTo(cache.size() * sample.bytes());
        assertThat(cache.hits() + cache.misses()).isEqualTo(20_000);
    }

    private static PostSummary summary(long id, long revision, String author) {
        return new PostSummary(new PostId(id), revision, new UserId(1), new Username(author), CREATED,
                new Title("title"), Language.ENGLISH);
    }

    private static RenderedPost rendered(PostSummary summary, int characters) {
        String text = "x".repeat(characters);
        return new RenderedPost(summary, new RenderedHtml(text.substring(0, characters / 2)),
                new RenderedHtml(text.substring(characters / 2)));
    }
}
