package io.tierblog.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code tierblog.password-hashing.*}: the Argon2id cost. Defaults follow OWASP's minimum. */
@ConfigurationProperties("tierblog.password-hashing")
public class PasswordHashingConfiguration {
    private int memoryKib = 19_456;
    private int iterations = 2;
    private int parallelism = 1;

    public int getMemoryKib() {
        return memoryKib;
    }

    public void setMemoryKib(int memoryKib) {
        this.memoryKib = memoryKib;
    }

    public int getIterations() {
        return iterations;
    }

    public void setIterations(int iterations) {
        this.iterations = iterations;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }
}
