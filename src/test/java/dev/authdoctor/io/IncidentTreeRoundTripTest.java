package dev.authdoctor.io;

import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.ErrorSource;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.InvalidIncidentException;
import dev.authdoctor.incident.Network;
import dev.authdoctor.incident.OtpDelivery;
import dev.authdoctor.incident.Platform;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserRole;
import dev.authdoctor.incident.UserState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every field of the contract through {@link IncidentTree}, both ways: JSON to incident (reading) and
 * incident to JSON (the contract check of Java-built incidents, and the API's echo). Each field carries a
 * value unlike its neighbours', so a field dropped, or copied into the wrong place, is noticed by name.
 */
class IncidentTreeRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final IncidentReader READER = new IncidentReader();

    /** One incident holding every field of incident.schema.json; two authenticators, so the loop runs twice. */
    private static final String FULL = """
            {"id":"INC-RT-1","reportedAt":"2026-11-28T09:00:00Z","symptom":"TOKEN_ACTIVATION_FAILED",
             "description":"Cannot activate the token since Monday",
             "error":{"message":"Activation failed","source":"USER_PORTAL","code":"activation_failed"},
             "user":{"id":"u-417","email":"pat@example.org","emailValid":false,"state":"INACTIVE","locked":true,
                     "role":"SUPER_ADMINISTRATOR","mobile":"+15550100","phone":"+15550199","preferredOtpDelivery":"VOICE"},
             "authenticators":[
               {"id":"tok-1","type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","locked":false,"appLocked":true,
                "name":"Pat's phone","platform":"J2ME","activationSentAt":"2026-11-28T08:00:00Z",
                "activationExpiresAt":"2026-11-28T08:05:00Z","inUse":true,"expired":false,"resynchronized":true},
               {"id":"grid-2","type":"GRID","state":"CANCELED","locked":true,"appLocked":false,
                "name":"Pat's grid","platform":"DESKTOP","activationSentAt":"2026-11-27T07:00:00Z",
                "activationExpiresAt":"2026-11-27T07:10:00Z","inUse":false,"expired":true,"resynchronized":false}],
             "device":{"clockSkewSeconds":-42,"network":"PRIVATE"},
             "service":{"network":"PUBLIC"},
             "activationEmail":{"sent":true,"delivered":false,"inSpamFolder":true},
             "access":{"resourceRuleAllowsUser":false},
             "passwordPolicy":{"historySize":7,"newPasswordInHistory":true},
             "settings":{"tokenTimeStepSeconds":60,"maxTimeSteps":5,"activationLifetimeSeconds":600,"maxResetTimeSteps":90},
             "remediationAttempts":3}""";

    /** The same incident, built as Java code builds one. */
    private static Incident fullIncident() {
        return Incident.builder("INC-RT-1")
                .reportedAt(Instant.parse("2026-11-28T09:00:00Z"))
                .symptom(Symptom.TOKEN_ACTIVATION_FAILED)
                .description("Cannot activate the token since Monday")
                .error(e -> e.message("Activation failed").source(ErrorSource.USER_PORTAL).code("activation_failed"))
                .user(u -> u.id("u-417").email("pat@example.org").emailValid(false).state(UserState.INACTIVE).locked(true)
                        .role(UserRole.SUPER_ADMINISTRATOR).mobile("+15550100").phone("+15550199")
                        .preferredOtpDelivery(OtpDelivery.VOICE))
                .authenticator(a -> a.id("tok-1").type(AuthenticatorType.ENTRUST_SOFT_TOKEN).state(AuthenticatorState.ACTIVATING)
                        .locked(false).appLocked(true).name("Pat's phone").platform(Platform.J2ME)
                        .activationSentAt(Instant.parse("2026-11-28T08:00:00Z"))
                        .activationExpiresAt(Instant.parse("2026-11-28T08:05:00Z"))
                        .inUse(true).expired(false).resynchronized(true))
                .authenticator(a -> a.id("grid-2").type(AuthenticatorType.GRID).state(AuthenticatorState.CANCELED)
                        .locked(true).appLocked(false).name("Pat's grid").platform(Platform.DESKTOP)
                        .activationSentAt(Instant.parse("2026-11-27T07:00:00Z"))
                        .activationExpiresAt(Instant.parse("2026-11-27T07:10:00Z"))
                        .inUse(false).expired(true).resynchronized(false))
                .device(d -> d.clockSkewSeconds(-42).network(Network.PRIVATE))
                .service(s -> s.network(Network.PUBLIC))
                .activationEmail(e -> e.sent(true).delivered(false).inSpamFolder(true))
                .access(a -> a.resourceRuleAllowsUser(false))
                .passwordPolicy(p -> p.historySize(7).newPasswordInHistory(true))
                .settings(s -> s.tokenTimeStepSeconds(60).maxTimeSteps(5).activationLifetimeSeconds(600).maxResetTimeSteps(90))
                .remediationAttempts(3)
                .build();
    }

    private static Incident read(String json) {
        ReadResult r = READER.read(json);
        assertThat(r).as(json).isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) r).incident();
    }

    @Test
    void theFullIncidentUsesEveryFieldOfTheContract() throws IOException {
        // Guards the other tests: a field added to the contract but not to FULL would go untested.
        assertThat(leaves(JSON.readTree(FULL), "")).containsExactlyElementsOf(schemaLeaves());
    }

    @Test
    void readingBindsEveryFieldToItsOwnPlace() {
        Incident i = read(FULL);
        assertThat(i.id()).isEqualTo("INC-RT-1");
        assertThat(i.reportedAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(i.symptom()).isEqualTo(Symptom.TOKEN_ACTIVATION_FAILED);
        assertThat(i.description()).isEqualTo("Cannot activate the token since Monday");
        assertThat(i.error().message()).isEqualTo("Activation failed");
        assertThat(i.error().source()).isEqualTo(ErrorSource.USER_PORTAL);
        assertThat(i.error().code()).isEqualTo("activation_failed");
        assertThat(i.user().id()).isEqualTo("u-417");
        assertThat(i.user().email()).isEqualTo("pat@example.org");
        assertThat(i.user().emailValid()).isFalse();
        assertThat(i.user().state()).isEqualTo(UserState.INACTIVE);
        assertThat(i.user().locked()).isTrue();
        assertThat(i.user().role()).isEqualTo(UserRole.SUPER_ADMINISTRATOR);
        assertThat(i.user().mobile()).isEqualTo("+15550100");
        assertThat(i.user().phone()).isEqualTo("+15550199");
        assertThat(i.user().preferredOtpDelivery()).isEqualTo(OtpDelivery.VOICE);
        assertThat(i.authenticators()).hasSize(2);
        AuthenticatorFacts token = i.authenticators().get(0);
        assertThat(token.id()).isEqualTo("tok-1");
        assertThat(token.type()).isEqualTo(AuthenticatorType.ENTRUST_SOFT_TOKEN);
        assertThat(token.state()).isEqualTo(AuthenticatorState.ACTIVATING);
        assertThat(token.locked()).isFalse();
        assertThat(token.appLocked()).isTrue();
        assertThat(token.name()).isEqualTo("Pat's phone");
        assertThat(token.platform()).isEqualTo(Platform.J2ME);
        assertThat(token.activationSentAt()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
        assertThat(token.activationExpiresAt()).isEqualTo(Instant.parse("2026-11-28T08:05:00Z"));
        assertThat(token.inUse()).isTrue();
        assertThat(token.expired()).isFalse();
        assertThat(token.resynchronized()).isTrue();
        AuthenticatorFacts grid = i.authenticators().get(1);
        assertThat(grid.id()).isEqualTo("grid-2");
        assertThat(grid.type()).isEqualTo(AuthenticatorType.GRID);
        assertThat(grid.state()).isEqualTo(AuthenticatorState.CANCELED);
        assertThat(grid.locked()).isTrue();
        assertThat(grid.appLocked()).isFalse();
        assertThat(grid.name()).isEqualTo("Pat's grid");
        assertThat(grid.platform()).isEqualTo(Platform.DESKTOP);
        assertThat(grid.activationSentAt()).isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(grid.activationExpiresAt()).isEqualTo(Instant.parse("2026-11-27T07:10:00Z"));
        assertThat(grid.inUse()).isFalse();
        assertThat(grid.expired()).isTrue();
        assertThat(grid.resynchronized()).isFalse();
        assertThat(i.device().clockSkewSeconds()).isEqualTo(-42);
        assertThat(i.device().network()).isEqualTo(Network.PRIVATE);
        assertThat(i.service().network()).isEqualTo(Network.PUBLIC);
        assertThat(i.activationEmail().sent()).isTrue();
        assertThat(i.activationEmail().delivered()).isFalse();
        assertThat(i.activationEmail().inSpamFolder()).isTrue();
        assertThat(i.access().resourceRuleAllowsUser()).isFalse();
        assertThat(i.passwordPolicy().historySize()).isEqualTo(7);
        assertThat(i.passwordPolicy().newPasswordInHistory()).isTrue();
        assertThat(i.settings().tokenTimeStepSeconds()).isEqualTo(60);
        assertThat(i.settings().maxTimeSteps()).isEqualTo(5);
        assertThat(i.settings().activationLifetimeSeconds()).isEqualTo(600);
        assertThat(i.settings().maxResetTimeSteps()).isEqualTo(90);
        assertThat(i.remediationAttempts()).isEqualTo(3);
        assertThat(i).isEqualTo(fullIncident());
    }

    @Test
    void writingGivesBackEveryFieldAsTheContractSpellsIt() {
        assertThat(IncidentTree.toTree(fullIncident())).isEqualTo(JSON.readTree(FULL));
    }

    @Test
    void readThenWrittenIsTheSameJson() {
        assertThat(IncidentTree.toTree(read(FULL))).isEqualTo(JSON.readTree(FULL));
    }

    @Test
    void unknownFactsStayOutOfTheJsonAndKnownNoAuthenticatorsStaysAnEmptyList() {
        String json = """
                {"id":"INC-RT-2","error":{"message":"m"},"user":{},"authenticators":[],"device":{},"service":{},
                 "activationEmail":{},"access":{},"passwordPolicy":{},"settings":{}}""";
        Incident i = read(json);
        assertThat(i.error().source()).isNull();
        assertThat(i.user()).isNotNull();
        assertThat(i.user().locked()).isNull();
        assertThat(i.authenticators()).isEmpty();
        assertThat(i.device().clockSkewSeconds()).isNull();
        assertThat(i.remediationAttempts()).isNull();
        assertThat(IncidentTree.toTree(i)).isEqualTo(JSON.readTree(json));
        assertThat(IncidentTree.toTree(read("{\"id\":\"INC-RT-3\"}"))).isEqualTo(JSON.readTree("{\"id\":\"INC-RT-3\"}"));
    }

    @Test
    void integersAndTimesInTheirOtherSpellingsBindToTheSameValues() {
        Incident i = read("""
                {"id":"INC-RT-4","reportedAt":"2026-11-28T10:00:00+01:00","remediationAttempts":2.0,
                 "device":{"clockSkewSeconds":1e2},"settings":{"maxTimeSteps":4.0},
                 "authenticators":[{"type":"OTP","activationSentAt":"2026-11-28T09:30:00-00:30"}]}""");
        assertThat(i.reportedAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(i.remediationAttempts()).isEqualTo(2);
        assertThat(i.device().clockSkewSeconds()).isEqualTo(100);
        assertThat(i.settings().maxTimeSteps()).isEqualTo(4);
        assertThat(i.authenticators().get(0).activationSentAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    void anIntegerTooLargeForItsFieldIsRejectedNamingTheField() {
        ReadResult r = READER.read("{\"id\":\"INC-RT-5\",\"remediationAttempts\":3000000000}");
        assertThat(r).isInstanceOf(ReadResult.Rejected.class);
        ReadResult.Rejected rejected = (ReadResult.Rejected) r;
        assertThat(rejected.incidentId()).isEqualTo("INC-RT-5");
        assertThat(rejected.errors()).singleElement().asString().startsWith("remediationAttempts: ");
    }

    @Test
    void aMissingAuthenticatorInAJavaBuiltListIsNamedByItsPlace() {
        // toTree keeps the null as JSON null, so the contract check names it instead of skipping it.
        var list = new ArrayList<AuthenticatorFacts>(Arrays.asList(
                AuthenticatorFacts.builder().type(AuthenticatorType.GRID).build(), null));
        assertThatThrownBy(() -> Incident.builder("INC-RT-6").authenticators(list).build())
                .isInstanceOf(InvalidIncidentException.class)
                .hasMessageContaining("authenticators[1]");
    }

    /** Paths of the leaves of a JSON value, array elements under their field's name plus "[]". */
    private static TreeSet<String> leaves(JsonNode node, String path) {
        TreeSet<String> out = new TreeSet<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.addAll(leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                out.addAll(leaves(element, path + "[]"));
            }
        } else {
            out.add(path);
        }
        return out;
    }

    /** The same paths, read from the schema the reader checks against. */
    private static TreeSet<String> schemaLeaves() throws IOException {
        try (InputStream in = IncidentContract.class.getResourceAsStream("/dev/authdoctor/io/incident.schema.json")) {
            assertThat(in).as("the contract on the class path").isNotNull();
            return schemaLeaves(JSON.readTree(in), "");
        }
    }

    private static TreeSet<String> schemaLeaves(JsonNode schema, String path) {
        TreeSet<String> out = new TreeSet<>();
        if (schema.has("properties")) {
            Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.addAll(schemaLeaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            }
        } else if (schema.has("items")) {
            out.addAll(schemaLeaves(schema.get("items"), path + "[]"));
        } else {
            out.add(path);
        }
        return out;
    }
}
