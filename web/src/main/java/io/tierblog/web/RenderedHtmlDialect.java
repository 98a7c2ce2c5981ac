package io.tierblog.web;

import java.util.Set;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.processor.AbstractStandardExpressionAttributeTagProcessor;
import org.thymeleaf.standard.processor.StandardUtextTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code tb:html}: the element's body becomes a {@link RenderedHtml} as it is, unescaped. Unlike
 * {@code th:utext}, which templates never use, it refuses any other value (a string from a form,
 * a post's text), so nothing but HTML a template rendered, escaping every text in it, is ever
 * written without escaping.
 */
final class RenderedHtmlDialect extends AbstractProcessorDialect {
    static final String PREFIX = "tb";

    /**
     * Processors run in the order of their dialects' precedence first: this one must come before
     * the Standard Dialect's, whose {@code th:block} removal would otherwise go first.
     */
    RenderedHtmlDialect() {
        super("Tierblog rendered HTML", PREFIX, StandardDialect.PROCESSOR_PRECEDENCE - 1);
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new HtmlProcessor(dialectPrefix));
    }

    static final class HtmlProcessor extends AbstractStandardExpressionAttributeTagProcessor {
        HtmlProcessor(String dialectPrefix) {
            super(TemplateMode.HTML, dialectPrefix, "html", StandardUtextTagProcessor.PRECEDENCE, true, false);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                                 String attributeValue, Object expressionResult,
                                 IElementTagStructureHandler structureHandler) {
            if (expressionResult == null) {
                structureHandler.setBody("", false);
            } else if (expressionResult instanceof RenderedHtml rendered) {
                structureHandler.setBody(rendered.html(), false);
            } else {
                throw new TemplateProcessingException("tb:html writes only RenderedHtml, not a "
                        + expressionResult.getClass().getName() + " (" + attributeValue + ")");
            }
        }
    }
}
