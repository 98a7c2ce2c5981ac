package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** tb:html writes HTML the web tier rendered, as it is, and refuses anything else. */
class RenderedHtmlDialectTest {
    private static final String TEMPLATE = "<div><th:block tb:html=\"${value}\">x</th:block></div>";

    @Test
    void renderedHtmlIsWrittenAsItIs() {
        assertThat(render(new RenderedHtml("<p class=\"body\">a &amp; b</p>")))
                .isEqualTo("<div><p class=\"body\">a &amp; b</p></div>");
    }

    @Test
    void nothingIsAnEmptyBody() {
        assertThat(render(null)).isEqualTo("<div></div>");
    }

    @Test
    void aStringIsRefusedHoweverHarmless() {
        assertThatThrownBy(() -> render("<script>alert(1)</script>"))
                .hasRootCauseInstanceOf(TemplateProcessingException.class)
                .rootCause().hasMessageContaining("tb:html writes only RenderedHtml");
        assertThatThrownBy(() -> render("plain")).hasRootCauseInstanceOf(TemplateProcessingException.class);
    }

    private static String render(Object value) {
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setDialect(new EagerTextDialect());
        engine.addDialect(new RenderedHtmlDialect());
        Map<String, Object> variables = new HashMap<>();
        variables.put("value", value);
        return engine.process(TEMPLATE, new Context(null, variables));
    }
}
