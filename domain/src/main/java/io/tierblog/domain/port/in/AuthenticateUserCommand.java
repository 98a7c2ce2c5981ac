package io.tierblog.domain.port.in;

import io.tierblog.domain.model.ClientAddress;

/**
 * A log-in attempt exactly as typed, and where it came from. Not validated like a registration:
 * any text may be tried, and what does not match a user is simply an incorrect username.
 */
public record AuthenticateUserCommand(String username, String password, ClientAddress client) {
    public AuthenticateUserCommand {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        client = client == null ? ClientAddress.UNKNOWN : client;
    }

    @Override
    public String toString() {
        return "AuthenticateUserCommand[username=" + username + ", password=****, client=" + client + "]";
    }
}
