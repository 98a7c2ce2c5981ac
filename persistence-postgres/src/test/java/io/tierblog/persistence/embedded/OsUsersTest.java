package io.tierblog.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OsUsersTest {

    @Test
    void nobodyStandsInForRoot() {
        List<String> passwd = List.of("root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1::/:/usr/sbin/nologin",
                "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin");

        assertThat(OsUsers.unprivilegedUser(passwd)).isEqualTo(new OsUsers.Ids(65_534, 65_534));
    }

    @Test
    void withoutNobodyTheFirstNonRootUserStandsIn() {
        List<String> passwd = List.of("# comment", "root:x:0:0:root:/root:/bin/sh", "broken line",
                "app:x:1000:1001::/home/app:/bin/sh", "other:x:1002:1002::/:/bin/sh");

        assertThat(OsUsers.unprivilegedUser(passwd)).isEqualTo(new OsUsers.Ids(1000, 1001));
    }

    @Test
    void withNoUsableEntry65534IsUsed() {
        assertThat(OsUsers.unprivilegedUser(List.of("root:x:0:0:root:/root:/bin/sh")))
                .isEqualTo(new OsUsers.Ids(65_534, 65_534));
    }

    @Test
    void theCurrentUserIsRootExactlyWhenIdSaysSo() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();

        assertThat(OsUsers.currentUserIsRoot()).isEqualTo("0".equals(uid));
    }
}
