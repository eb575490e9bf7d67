package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading incidents against the contract: every wrong field is named, nothing throws. */
class IncidentReaderTest {

    static final IncidentReader READER = new IncidentReader();

    static ReadResult.Rejected rejected(String json) {
        ReadResult r = READER.read(json);
        assertThat(r).as(json).isInstanceOf(ReadResult.Rejected.class);
        return (ReadResult.Rejected) r;
    }

    @Test
    void aFullIncidentBindsEveryField() {
        ReadResult r = READER.read("""
                {"id":"INC1","reportedAt":"2026-11-28T10:00:00+01:00","symptom":"TOKEN_NOT_WORKING","description":"d",
                 "error":{"message":"m","source":"USER_PORTAL"},
                 "user":{"id":"u1","email":"a@example.com","emailValid":true,"state":"INACTIVE","locked":true,"role":"USER"},
                 "authenticators":[{"id":"t","type":"GOOGLE_AUTHENTICATOR","state":"ACTIVATING","locked":false,"appLocked":false,
                   "name":"n","platform":"IOS","activationSentAt":"2026-11-28T08:00:00Z","activationExpiresAt":"2026-11-28T08:05:00Z","inUse":true}],
                 "device":{"clockSkewSeconds":-42,"network":"PRIVATE"},"service":{"network":"PUBLIC"},
                 "activationEmail":{"sent":true,"delivered":false,"inSpamFolder":false},"access":{"resourceRuleAllowsUser":false},
                 "passwordPolicy":{"historySize":3,"newPasswordInHistory":false},
                 "settings":{"tokenTimeStepSeconds":60,"maxTimeSteps":5,"activationLifetimeSeconds":600},"remediationAttempts":2}""");
        Incident i = ((ReadResult.Accepted) r).incident();
        assertThat(i.reportedAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(i.symptom()).isEqualTo(Symptom.TOKEN_NOT_WORKING);
        assertThat(i.user().state()).isEqualTo(UserState.INACTIVE);
        assertThat(i.authenticators()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AuthenticatorType.GOOGLE_AUTHENTICATOR);
            assertThat(a.state()).isEqualTo(AuthenticatorState.ACTIVATING);
            assertThat(a.inUse()).isTrue();
        });
        assertThat(i.device().clockSkewSeconds()).isEqualTo(-42);
        assertThat(i.settings().maxTimeSteps()).isEqualTo(5);
        assertThat(i.attempts()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"a","user":{"state":"ENABLED"}}                          | user.state: "ENABLED" is not one of ACTIVE, INACTIVE
            {"id":"a","user":{"nickname":"x"}}                             | user.nickname: unknown field
            {"id":"a","colour":"red"}                                      | colour: unknown field
            {"id":"a","user":{"locked":"yes"}}                             | user.locked: expected boolean, got a string "yes"
            {"symptom":"OTHER"}                                            | id: is required
            {"id":""}                                                      | id: must not be shorter than 1 character(s)
            {"id":"a","authenticators":[{"type":"GRID"},{"type":"YUBIKEY"}]} | authenticators[1].type: "YUBIKEY" is not one of
            {"id":"a","authenticators":[{"state":"ACTIVE"}]}               | authenticators[0].type: is required
            {"id":"a","reportedAt":"yesterday"}                            | reportedAt: "yesterday" is not a date-time
            {"id":"a","remediationAttempts":-1}                            | remediationAttempts: -1 is below the minimum 0
            {"id":"a","passwordPolicy":{"historySize":256}}                | passwordPolicy.historySize: 256 is above the maximum 255
            {"id":"a","device":{"clockSkewSeconds":1.5}}                   | device.clockSkewSeconds: expected integer, got a number 1.5
            {"id":"a","error":{"source":"ENTRUST_ST_APP"}}                 | error.message: is required
            {"id":7}                                                       | id: expected string, got an integer 7
            {"id":"a","user":null}                                         | user: expected object, got null
            """)
    void eachWrongFieldIsNamed(String json, String expected) {
        assertThat(rejected(json).errors()).anySatisfy(e -> assertThat(e).startsWith(expected));
    }

    @Test
    void everyProblemInOneRecordIsReportedNotJustTheFirst() {
        assertThat(rejected("""
                {"id":"a","user":{"state":"ENABLED","locked":"no"},"symptom":"BROKEN"}""").errors())
                .hasSize(3)
                .anySatisfy(e -> assertThat(e).startsWith("user.state"))
                .anySatisfy(e -> assertThat(e).startsWith("user.locked"))
                .anySatisfy(e -> assertThat(e).startsWith("symptom"));
    }

    @Test
    void aRejectedRecordKeepsItsIdWhenItHasOne() {
        assertThat(rejected("{\"id\":\"INC9\",\"symptom\":\"NOPE\"}").incidentId()).isEqualTo("INC9");
        assertThat(rejected("{\"symptom\":\"NOPE\"}").incidentId()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not json                              | not valid JSON
            {"id":"a"                             | not valid JSON
            {"id":"a"} {"id":"b"}                 | not valid JSON
            {"id":"a","id":"b"}                   | not valid JSON: Duplicate Object property "id"
            [{"id":"a"}]                          | expected a JSON object, got an array
            "just a string"                       | expected a JSON object, got a string
            """)
    void textThatIsNotOneJsonObjectIsRejectedWithAReason(String text, String expected) {
        assertThat(rejected(text).errors()).singleElement().asString().startsWith(expected);
    }

    @Test
    void aStringOverTheLengthLimitIsRejectedNamingItsField() {
        String huge = "a".repeat(IncidentReader.MAX_STRING_LENGTH + 1);
        assertThat(new IncidentReader().read("{\"id\":\"L1\",\"description\":\"" + huge + "\"}"))
                .isInstanceOfSatisfying(ReadResult.Rejected.class, r -> assertThat(r.errors()).singleElement().asString()
                        .startsWith("description: over a limit: String value length (100001)"));
        assertThat(new IncidentReader().read("{\"id\":\"L2\",\"authenticators\":[{\"type\":\"TOKEN\"},{\"name\":\"" + huge + "\"}]}"))
                .isInstanceOfSatisfying(ReadResult.Rejected.class, r -> assertThat(r.errors()).singleElement().asString()
                        .startsWith("authenticators[1].name: over a limit: String value length"));
        assertThat(new IncidentReader().read("{\"" + huge + "\":1}"))
                .as("a name too long: no field to name")
                .isInstanceOfSatisfying(ReadResult.Rejected.class, r -> assertThat(r.errors()).singleElement().asString()
                        .startsWith("over a limit: "));
    }
}
