package io.tierblog.web;

import io.micronaut.security.token.claims.JtiGenerator;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Gives every log-in token a random id ({@code jti}), so each log-in is a new session and CSRF
 * tokens are bound to it: Micronaut Security has no generator of its own.
 */
@Singleton
final class RandomJtiGenerator implements JtiGenerator {
    @Override
    public String generateJtiClaim() {
        return UUID.randomUUID().toString();
    }
}
