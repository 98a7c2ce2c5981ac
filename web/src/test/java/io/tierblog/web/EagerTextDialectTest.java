package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** The eager th:text writes exactly what Thymeleaf's own th:text writes, short values and long. */
class EagerTextDialectTest {
    private static final String TEMPLATE = "<article><h1 th:text=\"${value}\">x</h1>"
            + "<p class=\"body\" th:text=\"${value}\">y</p><span th:text=\"${value} + '!'\"></span></article>";

    static Stream<Object> values() {
        String nasty = "<script>alert('x')</script> & \"quotes\" </textarea> &amp; é ü 中文 \uD83D\uDE00 ";
        return Stream.of("", "plain", nasty, nasty.repeat(3), nasty.repeat(200), "line\nbreaks\r\n\tand tabs ".repeat(20),
                "a".repeat(100), "<".repeat(101), 42, 3.5, true);
    }

    @ParameterizedTest
    @MethodSource("values")
    void rendersExactlyAsTheStandardDialect(Object value) {
        assertThat(render(new EagerTextDialect(), value)).isEqualTo(render(new StandardDialect(), value));
    }

    @Test
    void aMissingValueIsAnEmptyBodyAsInTheStandardDialect() {
        assertThat(render(new EagerTextDialect(), null)).isEqualTo(render(new StandardDialect(), null))
                .contains("<h1></h1>");
    }

    private static String render(IDialect dialect, Object value) {
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setDialect(dialect);
        Map<String, Object> variables = new HashMap<>();
        variables.put("value", value);
        return engine.process(TEMPLATE, new Context(null, variables));
    }
}
