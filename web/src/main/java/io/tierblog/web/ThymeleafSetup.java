package io.tierblog.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.standard.StandardDialect;

/**
 * Puts the {@link EagerTextDialect} in the place of the Standard Dialect in the template engine
 * micronaut-views builds, before the engine renders anything, and adds the
 * {@link RenderedHtmlDialect}; the other dialects stay.
 */
@Singleton
final class ThymeleafSetup implements BeanCreatedEventListener<TemplateEngine> {

    @Override
    public TemplateEngine onCreated(BeanCreatedEvent<TemplateEngine> event) {
        TemplateEngine engine = event.getBean();
        Set<IDialect> dialects = new LinkedHashSet<>();
        for (IDialect dialect : engine.getDialects()) {
            dialects.add(dialect.getClass() == StandardDialect.class ? new EagerTextDialect() : dialect);
        }
        dialects.add(new RenderedHtmlDialect());
        engine.setDialects(dialects);
        return engine;
    }
}
