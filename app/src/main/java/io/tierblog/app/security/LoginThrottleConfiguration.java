package io.tierblog.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tierblog.domain.model.LoginThrottlePolicy;
import io.tierblog.domain.model.LoginThrottlePolicy.Limit;
import java.time.Duration;

/**
 * {@code tierblog.login-throttle.*}: how many failed log-ins are tolerated per username and per
 * client address before attempts are slowed down and then paused. The defaults are
 * {@link LoginThrottlePolicy#standard()}'s; the domain checks that the numbers make sense.
 */
@ConfigurationProperties("tierblog.login-throttle")
public class LoginThrottleConfiguration {
    private static final LoginThrottlePolicy STANDARD = LoginThrottlePolicy.standard();

    private int usernameFreeFailures = STANDARD.perUsername().freeFailures();
    private int usernameLockoutAfter = STANDARD.perUsername().lockoutAfter();
    private int clientFreeFailures = STANDARD.perClient().freeFailures();
    private int clientLockoutAfter = STANDARD.perClient().lockoutAfter();
    private Duration firstDelay = STANDARD.perUsername().firstDelay();
    private Duration maxDelay = STANDARD.perUsername().maxDelay();
    private Duration forgetAfter = STANDARD.forgetAfter();

    /** The policy these settings describe. */
    public LoginThrottlePolicy policy() {
        return new LoginThrottlePolicy(
                new Limit(usernameFreeFailures, usernameLockoutAfter, firstDelay, maxDelay),
                new Limit(clientFreeFailures, clientLockoutAfter, firstDelay, maxDelay),
                forgetAfter);
    }

    public int getUsernameFreeFailures() {
        return usernameFreeFailures;
    }

    public void setUsernameFreeFailures(int usernameFreeFailures) {
        this.usernameFreeFailures = usernameFreeFailures;
    }

    public int getUsernameLockoutAfter() {
        return usernameLockoutAfter;
    }

    public void setUsernameLockoutAfter(int usernameLockoutAfter) {
        this.usernameLockoutAfter = usernameLockoutAfter;
    }

    public int getClientFreeFailures() {
        return clientFreeFailures;
    }

    public void setClientFreeFailures(int clientFreeFailures) {
        this.clientFreeFailures = clientFreeFailures;
    }

    public int getClientLockoutAfter() {
        return clientLockoutAfter;
    }

    public void setClientLockoutAfter(int clientLockoutAfter) {
        this.clientLockoutAfter = clientLockoutAfter;
    }

    public Duration getFirstDelay() {
        return firstDelay;
    }

    public void setFirstDelay(Duration firstDelay) {
        this.firstDelay = firstDelay;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public Duration getForgetAfter() {
        return forgetAfter;
    }

    public void setForgetAfter(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }
}
