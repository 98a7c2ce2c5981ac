package io.tierblog.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Serves {@link StaticAssets} from memory (on the event loop: nothing blocks): a fingerprinted
 * name with {@code Cache-Control: public, max-age=31536000, immutable}, a plain one (or an old
 * fingerprint) for an hour, each with an {@code ETag} that {@code If-None-Match} is checked against.
 */
@Controller("/static")
@Secured(SecurityRule.IS_ANONYMOUS)
final class StaticAssetController {
    private final StaticAssets assets;

    StaticAssetController(StaticAssets assets) {
        this.assets = assets;
    }

    @Get("/{file}")
    MutableHttpResponse<byte[]> asset(HttpRequest<?> request, @PathVariable String file) {
        StaticAssets.Found found = assets.find(file).orElseThrow(
                () -> new RequestRefusedException(HttpStatus.NOT_FOUND, "There is no file /static/" + file + "."));
        StaticAssets.Asset asset = found.asset();
        if (ETags.matches(request, asset.tag())) {
            return ETags.notModified(asset.tag(), found.cacheControl());
        }
        return HttpResponse.ok(asset.bytes())
                .contentType(asset.type())
                .header(HttpHeaders.ETAG, asset.tag())
                .header(HttpHeaders.CACHE_CONTROL, found.cacheControl());
    }
}
