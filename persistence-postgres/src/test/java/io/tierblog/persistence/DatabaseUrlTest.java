package io.tierblog.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @Test
    void connectionParametersAreReadAsTheDriverDecodesThem() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db:5432/blog?sslmode=verify-full"
                + "&sslrootcert=%2Fetc%2Ftier%20blog%2Fca.crt&password=secret");
        assertThat(url.parameter("sslmode")).hasValue("verify-full");
        assertThat(url.parameter("sslrootcert")).hasValue("/etc/tier blog/ca.crt");
        assertThat(url.parameter("password")).as("credentials are kept apart").isEmpty();
        assertThat(url.parameter("sslcert")).isEmpty();
        assertThat(DatabaseUrl.parse("postgresql://db/blog").parameter("sslmode")).isEmpty();
    }

    @Test
    void aParameterCanBeTakenOutWithTheRestKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db:6432/blog?pool_mode=transaction&sslmode=require"
                + "&pool_mode=again");
        DatabaseUrl without = url.withoutParameter("pool_mode");
        assertThat(without.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6432/blog?sslmode=require");
        assertThat(without.username()).hasValue("u");
        assertThat(without.password()).hasValue("p");
        assertThat(DatabaseUrl.parse("postgresql://db/blog?pool_mode=transaction").withoutParameter("pool_mode")
                .jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/blog");
        assertThat(DatabaseUrl.parse("postgresql://db/blog").withoutParameter("pool_mode").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/blog");
    }

    @Test
    void readsTheHerokuForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice:" + SECRET + "@db.example.com:6543/blog");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/blog");
        assertThat(url.username()).contains("alice");
        assertThat(url.password()).contains(SECRET);
    }

    @Test
    void readsThePostgresqlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:" + SECRET + "@localhost:5433/blog");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/blog");
        assertThat(url.username()).contains("alice");
        assertThat(url.password()).contains(SECRET);
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSurroundingSpaceIgnored() {
        DatabaseUrl url = DatabaseUrl.parse("  PostgreSQL://alice@localhost/blog\n");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/blog");
    }

    @Test
    void thePortDefaultsTo5432() {
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@db.internal/blog").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5432/blog");
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@db.internal:/blog").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5432/blog");
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://al%40ice:p%40ss%3Aw%2Ford%25+%C3%A9@host/blog");

        assertThat(url.username()).contains("al@ice");
        assertThat(url.password()).contains("p@ss:w/ord%+é");
    }

    @Test
    void anUnencodedAtInThePasswordStillSplitsAtTheLastAt() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:p@ss@host/blog");

        assertThat(url.password()).contains("p@ss");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/blog");
    }

    @Test
    void aUserWithoutPasswordHasNoPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/test");

        assertThat(url.username()).contains("postgres");
        assertThat(url.password()).isEmpty();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Test
    void anEmptyPasswordIsKeptAsEmpty() {
        assertThat(DatabaseUrl.parse("postgresql://alice:@host/blog").password()).contains("");
    }

    @Test
    void noUserInfoMeansNoCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://host/blog");

        assertThat(url.username()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://host:5432/blog");
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@[::1]:6000/blog").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:6000/blog");
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@[2001:db8::7]/blog").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[2001:db8::7]:5432/blog");
    }

    @Test
    void queryParametersArePassedOn() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice:pw@host:5432/blog?sslmode=require&connectTimeout=5");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/blog?sslmode=require&connectTimeout=5");
    }

    @Test
    void credentialsInQueryParametersAreMovedOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://host/blog?user=bob&sslmode=verify-full&password=p%26w");

        assertThat(url.username()).contains("bob");
        assertThat(url.password()).contains("p&w");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/blog?sslmode=verify-full");
    }

    @Test
    void userInfoWinsOverQueryParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:first@host/blog?user=bob&password=second");

        assertThat(url.username()).contains("alice");
        assertThat(url.password()).contains("first");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/blog");
    }

    @Test
    void aJdbcUrlIsTakenAsItIsWithoutItsCredentials() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://db:5432/blog?user=alice&ssl=true&password=" + SECRET + "&ApplicationName=tierblog");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/blog?ssl=true&ApplicationName=tierblog");
        assertThat(url.username()).contains("alice");
        assertThat(url.password()).contains(SECRET);
    }

    @Test
    void aJdbcUrlWithoutParametersHasNoCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/blog");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/blog");
        assertThat(url.username()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void aJdbcUrlDecodesItsParametersAsTheDriverDoes() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/blog?user=al+ice&password=a%2Bb");

        assertThat(url.username()).contains("al ice");
        assertThat(url.password()).contains("a+b");
    }

    @Test
    void neitherToStringNorRedactedShowThePassword() {
        for (String text : new String[] {
                "postgresql://alice:" + SECRET + "@host/blog",
                "postgresql://host/blog?user=alice&password=" + SECRET,
                "jdbc:postgresql://host/blog?password=" + SECRET + "&user=alice",
                "jdbc:postgresql://host/blog?user=alice&sslpassword=" + SECRET}) {
            DatabaseUrl url = DatabaseUrl.parse(text);

            assertThat(url.toString()).doesNotContain(SECRET).contains("alice").contains("host");
            assertThat(url.redacted()).doesNotContain(SECRET).contains("****");
        }
    }

    @Test
    void redactedShowsWhereAndWho() {
        assertThat(DatabaseUrl.parse("postgresql://alice:" + SECRET + "@host:5433/blog?sslmode=require").redacted())
                .isEqualTo("jdbc:postgresql://host:5433/blog?sslmode=require (user alice, password ****)");
        assertThat(DatabaseUrl.parse("postgresql://alice@host/blog").redacted())
                .isEqualTo("jdbc:postgresql://host:5432/blog (user alice)");
    }

    @Test
    void severalHostsAreListedForTheDriverWhichMustFindThePrimary() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:" + SECRET
                + "@db1.internal:6001,db2.internal:6002/blog?target_session_attrs=read-write");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db1.internal:6001,db2.internal:6002/blog"
                + "?targetServerType=primary&hostRecheckSeconds=2");
        assertThat(url.username()).contains("alice");
        assertThat(url.password()).contains(SECRET);
        assertThat(url.redacted()).doesNotContain(SECRET);
    }

    @Test
    void theFormPgAutoctlPrintsIsRead() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://127.0.0.1:20002,127.0.0.1:20001/postgres"
                + "?target_session_attrs=read-write&sslmode=prefer");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:20002,127.0.0.1:20001/postgres"
                + "?sslmode=prefer&targetServerType=primary&hostRecheckSeconds=2");
    }

    @Test
    void severalHostsWithoutTargetSessionAttrsStillWriteToThePrimary() {
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@h1,h2:5433/blog").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/blog?targetServerType=primary&hostRecheckSeconds=2");
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@h1,h2/blog").parameter("targetServerType"))
                .hasValue("primary");
    }

    @Test
    void givenDriverSettingsAreKept() {
        assertThat(DatabaseUrl.parse("postgresql://h1,h2/blog?targetServerType=preferPrimary&hostRecheckSeconds=7")
                .jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5432/blog"
                        + "?targetServerType=preferPrimary&hostRecheckSeconds=7");
    }

    @Test
    void ipv6HostsMayBeListed() {
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@[::1]:6001,[2001:db8::7],db3:6003/blog").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:6001,[2001:db8::7]:5432,db3:6003/blog"
                        + "?targetServerType=primary&hostRecheckSeconds=2");
    }

    @ParameterizedTest
    @CsvSource({
            "read-write,     primary",
            "primary,        primary",
            "read-only,      secondary",
            "standby,        secondary",
            "prefer-standby, preferSecondary",
            "any,            any"})
    void targetSessionAttrsBecomesTargetServerType(String attributes, String serverType) {
        DatabaseUrl several = DatabaseUrl.parse("postgresql://h1,h2/blog?target_session_attrs=" + attributes);
        assertThat(several.parameter("targetServerType")).hasValue(serverType);
        assertThat(several.parameter("target_session_attrs")).as("libpq's name is not passed on").isEmpty();

        DatabaseUrl one = DatabaseUrl.parse("postgresql://h1/blog?target_session_attrs=" + attributes);
        assertThat(one.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432/blog?targetServerType=" + serverType);
    }

    @Test
    void anUnknownTargetSessionAttrsNamesTheAllowedValues() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://alice:" + SECRET + "@h1,h2/blog?target_session_attrs=master"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The database URL's target_session_attrs is not one of read-write, primary, read-only, "
                        + "standby, prefer-standby, any.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void oneHostIsUnchanged() {
        assertThat(DatabaseUrl.parse("postgresql://alice:pw@db:5433/blog?sslmode=require").jdbcUrl())
                .as("no target server type, no recheck interval: PgJDBC's single-host behaviour")
                .isEqualTo("jdbc:postgresql://db:5433/blog?sslmode=require");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void emptyInputIsRefused(String text) {
        assertThatThrownBy(() -> DatabaseUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mysql://alice:SECRET@host/blog                  | does not start with",
            "alice:SECRET@host/blog                          | does not start with",
            "http://alice:SECRET@host/blog                   | does not start with",
            "postgresql://alice:SECRET@/blog                 | names no host",
            "postgresql://alice:SECRET@host                  | names no database",
            "postgresql://alice:SECRET@host/                 | names no database",
            "postgresql://alice:SECRET@host/blog/extra       | more than a database name",
            "postgresql://alice:SECRET@host:port/blog        | port is not a number",
            "postgresql://alice:SECRET@host:0/blog           | port is not a number",
            "postgresql://alice:SECRET@host:65536/blog       | port is not a number",
            "postgresql://alice:SECRET@host:999999999999/blog | port is not a number",
            "postgresql://alice:SECRET@host:-1/blog          | port is not a number",
            "postgresql://alice:SECRET@::1/blog              | in brackets",
            "postgresql://alice:SECRET@[::1/blog             | no closing ']'",
            "postgresql://alice:SECRET@[::1]x/blog           | not a port",
            "postgresql://alice:SECRET@[zz]/blog             | not an IPv6 address",
            "postgresql://alice:SECRET@h1,,h2/blog           | an empty one in its list",
            "postgresql://alice:SECRET@h1,h2,/blog           | an empty one in its list",
            "postgresql://alice:SECRET@h1,h2:x/blog          | port is not a number",
            "postgresql://alice:SECRET@h1,[::1/blog          | no closing ']'",
            "postgresql://alice:SECRET@h1,::1/blog           | in brackets",
            "postgresql://alice:SECRET@h1,h2/blog?target_session_attrs=primary&targetServerType=any | give one",
            "postgresql://alice:SECRET@h1/blog?target_session_attrs=any&target_session_attrs=any | more than once",
            "postgresql://alice:SECRET@ho st/blog            | not a host name",
            "postgresql://alice:SECRET%zz@host/blog          | password has a '%'",
            "postgresql://alice:SECRET%@host/blog            | password has a '%'",
            "postgresql://alice:SECRET%C3@host/blog          | password is not percent-encoded UTF-8",
            "postgresql://al%g1ce:SECRET@host/blog           | user name has a '%'",
            "postgresql://alice:SEC/RET@host/blog            | '@' after the host",
            "postgresql://alice:SEC?RET@host/blog            | port is not a number",
            "jdbc:postgresql:                                | names no host or database",
            "jdbc:postgresql://host/blog?password=SECRET%zz  | password has a '%'"})
    void invalidInputIsRefusedWithoutShowingThePassword(String text, String expected) {
        ThrowingCallable parse = () -> DatabaseUrl.parse(text.replace("SECRET", SECRET));

        assertThatThrownBy(parse)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected.strip())
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("SEC"));
    }

    @Test
    void aReplicaUrlPrefersAStandbyAndSpreadsItsConnections() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@r1:5433/blog", DatabaseUrl.Role.REPLICA).jdbcUrl())
                .isEqualTo("jdbc:postgresql://r1:5433/blog?targetServerType=preferSecondary&loadBalanceHosts=true");
        assertThat(DatabaseUrl.parse("postgresql://r1,r2:5434/blog?sslmode=require", DatabaseUrl.Role.REPLICA).jdbcUrl())
                .isEqualTo("jdbc:postgresql://r1:5432,r2:5434/blog?sslmode=require&targetServerType=preferSecondary"
                        + "&loadBalanceHosts=true&hostRecheckSeconds=2");
        assertThat(DatabaseUrl.parse("postgresql://r1/blog?target_session_attrs=read-only&loadBalanceHosts=false",
                DatabaseUrl.Role.REPLICA).jdbcUrl())
                .isEqualTo("jdbc:postgresql://r1:5432/blog?loadBalanceHosts=false&targetServerType=secondary");
        assertThat(DatabaseUrl.parse("postgresql://r1/blog?targetServerType=any", DatabaseUrl.Role.REPLICA).jdbcUrl())
                .isEqualTo("jdbc:postgresql://r1:5432/blog?targetServerType=any&loadBalanceHosts=true");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://r1/blog?user=u", DatabaseUrl.Role.REPLICA).jdbcUrl())
                .as("a JDBC URL is taken as it is").isEqualTo("jdbc:postgresql://r1/blog");
        assertThat(DatabaseUrl.parse("postgresql://r1/blog").jdbcUrl()).as("the primary's is unchanged")
                .isEqualTo("jdbc:postgresql://r1:5432/blog");
    }

    @Test
    void eachHostCanBeReachedOnItsOwn() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@r1:5433,[::1]:5434/blog?sslmode=require",
                DatabaseUrl.Role.REPLICA);
        assertThat(url.hosts()).containsExactly("r1:5433", "[::1]:5434");
        DatabaseUrl one = url.forHost("[::1]:5434");
        assertThat(one.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5434/blog?sslmode=require");
        assertThat(one.username()).hasValue("u");
        assertThat(one.password()).hasValue("p");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h1,h2:5439/blog").hosts()).containsExactly("h1", "h2:5439");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h1").forHost("h1").jdbcUrl()).isEqualTo("jdbc:postgresql://h1");
        assertThatThrownBy(() -> url.forHost("elsewhere:5432")).isInstanceOf(IllegalArgumentException.class);
    }
}
