package io.tierblog.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** The smallest page there is, as flaskr's factory test expects. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class HelloController {

    @Get(value = "/hello", produces = MediaType.TEXT_PLAIN)
    String hello() {
        return "Hello, World!";
    }
}
