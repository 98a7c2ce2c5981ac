package io.tierblog.web.about;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tierblog.web.Pages;

/** {@code GET /about}: what Tierblog is. It needs no database. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class AboutController {
    private final Pages pages;

    AboutController(Pages pages) {
        this.pages = pages;
    }

    @Get("/about")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> about(HttpRequest<?> request) {
        return pages.ok(request, "about/about", Pages.model("About"));
    }
}
