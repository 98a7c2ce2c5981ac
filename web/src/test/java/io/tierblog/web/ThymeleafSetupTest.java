package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.extras.java8time.dialect.Java8TimeDialect;
import org.thymeleaf.standard.StandardDialect;

@MicronautTest
class ThymeleafSetupTest {
    @Inject
    TemplateEngine engine;

    @Test
    void theEngineUsesTheEagerTextDialectInPlaceOfTheStandardDialectAndKeepsTheOthers() {
        assertThat(engine.getDialects()).hasAtLeastOneElementOfType(EagerTextDialect.class)
                .noneMatch(dialect -> dialect.getClass() == StandardDialect.class)
                .hasAtLeastOneElementOfType(Java8TimeDialect.class);
    }
}
