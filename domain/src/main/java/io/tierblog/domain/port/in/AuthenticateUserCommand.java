package io.tierblog.domain.port.in;

/**
 * A log-in attempt exactly as typed. Not validated like a registration: any text may be tried,
 * and what does not match a user is simply an incorrect username.
 */
public record AuthenticateUserCommand(String username, String password) {
    public AuthenticateUserCommand {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "AuthenticateUserCommand[username=" + username + ", password=****]";
    }
}
