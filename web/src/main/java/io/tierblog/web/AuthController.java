package io.tierblog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.handlers.LogoutHandler;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.cookie.CookieLoginHandler;
import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.exception.LoginThrottledException;
import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.ClientAddress;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.in.AuthenticateUserCommand;
import io.tierblog.domain.port.in.AuthenticateUserUseCase;
import io.tierblog.domain.port.in.RegisterUserCommand;
import io.tierblog.domain.port.in.RegisterUserUseCase;
import java.util.Map;

/**
 * Register, log in, log out: flaskr's auth blueprint. Log-ins pass the throttle: too many recent
 * failures for the username or from the client answer 429 with the form and a clear message.
 * Posting the register and log-in forms hashes a password, so those two run on the
 * {@link PasswordCheckPool}, not on the page pool.
 */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuthController {
    static final String REGISTERED = "Registration complete. Please log in.";
    static final String REGISTER_UNAVAILABLE =
            "The database is unavailable right now, so you were not registered: nothing was saved. "
                    + "Please try again in a moment.";
    static final String LOGIN_UNAVAILABLE =
            "The database is unavailable right now, so you could not be logged in. Please try again in a moment.";

    private final RegisterUserUseCase registerUser;
    private final AuthenticateUserUseCase authenticateUser;
    private final CookieLoginHandler loginHandler;
    private final LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler;
    private final Pages pages;
    private final RequestOrigin origin;

    AuthController(RegisterUserUseCase registerUser, AuthenticateUserUseCase authenticateUser,
                   CookieLoginHandler loginHandler,
                   LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler, Pages pages,
                   RequestOrigin origin) {
        this.registerUser = registerUser;
        this.authenticateUser = authenticateUser;
        this.loginHandler = loginHandler;
        this.logoutHandler = logoutHandler;
        this.pages = pages;
        this.origin = origin;
    }

    @Get("/register")
    HttpResponse<String> registerForm(HttpRequest<?> request) {
        return registerPage(request, HttpStatus.OK, CredentialsForm.EMPTY, null);
    }

    @Post("/register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(PasswordCheckPool.NAME)
    HttpResponse<?> register(HttpRequest<?> request, @Nullable @Body CredentialsForm posted) {
        CredentialsForm form = CredentialsForm.orEmpty(posted);
        try {
            registerUser.register(RegisterUserCommand.of(form.username(), form.password()));
        } catch (InvalidInputException | UsernameTakenException refused) {
            return registerPage(request, HttpStatus.OK, form, refused.getMessage());
        } catch (DataTierUnavailableException outage) {
            return ErrorPages.withRetryAfter(
                    registerPage(request, HttpStatus.SERVICE_UNAVAILABLE, form, REGISTER_UNAVAILABLE));
        }
        return pages.redirect(request, "/auth/login", REGISTERED);
    }

    @Get("/login")
    HttpResponse<String> loginForm(HttpRequest<?> request) {
        return loginPage(request, HttpStatus.OK, CredentialsForm.EMPTY, null);
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(PasswordCheckPool.NAME)
    HttpResponse<?> login(HttpRequest<?> request, @Nullable @Body CredentialsForm posted) {
        CredentialsForm form = CredentialsForm.orEmpty(posted);
        User user;
        ClientAddress client = ClientAddress.of(origin.clientAddress(request));
        try {
            user = authenticateUser.authenticate(new AuthenticateUserCommand(form.username(), form.password(), client));
        } catch (AuthenticationFailedException refused) {
            return loginPage(request, HttpStatus.OK, form, refused.getMessage());
        } catch (LoginThrottledException throttled) {
            return ErrorPages.withRetryAfter(loginPage(request, HttpStatus.TOO_MANY_REQUESTS, form,
                    throttled.getMessage()), throttled.retryAfter());
        } catch (DataTierUnavailableException outage) {
            return ErrorPages.withRetryAfter(
                    loginPage(request, HttpStatus.SERVICE_UNAVAILABLE, form, LOGIN_UNAVAILABLE));
        }
        // A new token (with a new id, to which CSRF tokens are bound) replaces whatever the browser
        // held: flaskr's session.clear() and new user_id. Secure whenever the request came over HTTPS.
        MutableHttpResponse<?> response = pages.redirect(request, "/", null);
        boolean secure = origin.isSecure(request);
        for (Cookie cookie : loginHandler.getCookies(Viewer.authenticationFor(user), request)) {
            response.cookie(cookie.secure(secure));
        }
        return response;
    }

    @Get("/logout")
    HttpResponse<?> logout(HttpRequest<?> request) {
        // Micronaut Security clears its token cookie; the redirect is ours, a 302 to the index.
        MutableHttpResponse<?> response = logoutHandler.logout(request).status(HttpStatus.FOUND);
        response.getHeaders().set(HttpHeaders.LOCATION, "/");
        return response;
    }

    private MutableHttpResponse<String> registerPage(HttpRequest<?> request, HttpStatus status,
                                                     CredentialsForm form, @Nullable String error) {
        return pages.renderForm(request, status, "auth/register", formModel("Register", form, error));
    }

    private MutableHttpResponse<String> loginPage(HttpRequest<?> request, HttpStatus status,
                                                  CredentialsForm form, @Nullable String error) {
        return pages.renderForm(request, status, "auth/login", formModel("Log In", form, error));
    }

    private static Map<String, Object> formModel(String title, CredentialsForm form, @Nullable String error) {
        Map<String, Object> model = Pages.model(title);
        model.put("form", form.withoutPassword());
        model.put("error", error);
        return model;
    }
}
