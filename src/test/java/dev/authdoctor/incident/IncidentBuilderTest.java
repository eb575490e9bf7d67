package dev.authdoctor.incident;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.IncidentTree;
import dev.authdoctor.io.IncidentTrees;
import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Incidents built in Java meet the same contract as JSON read by IncidentReader, with the same messages. */
class IncidentBuilderTest {

    static final IncidentReader READER = new IncidentReader();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Troubleshooter doctor;

    @BeforeAll
    static void load() {
        doctor = Troubleshooter.create();
    }

    @AfterAll
    static void close() {
        doctor.close();
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static String softTokens(int n) {
        return String.join(",", Collections.nCopies(n, "{\"type\":\"ENTRUST_SOFT_TOKEN\"}"));
    }

    static Arguments bad(String name, String json, Supplier<Incident.Builder> builder, String... errors) {
        return Arguments.of(name, json, builder, List.of(errors));
    }

    /** Each bad incident written twice, as JSON and as builder calls, with the errors both must give. */
    static Stream<Arguments> badIncidents() {
        String id201 = repeat('x', 201);
        String text20001 = repeat('m', 20_001);
        String code201 = repeat('c', 201);
        return Stream.of(
                bad("no id", "{\"symptom\":\"OTHER\"}",
                        () -> Incident.builder(null).symptom(Symptom.OTHER),
                        "id: is required"),
                bad("blank id", "{\"id\":\"\"}",
                        () -> Incident.builder(""),
                        "id: must not be shorter than 1 character(s)"),
                bad("201-character id", "{\"id\":\"" + id201 + "\"}",
                        () -> Incident.builder(id201),
                        "id: longer than the limit of 200 characters"),
                bad("negative attempts", "{\"id\":\"a\",\"remediationAttempts\":-5}",
                        () -> Incident.builder("a").remediationAttempts(-5),
                        "remediationAttempts: -5 is below the minimum 0"),
                bad("101 authenticators", "{\"id\":\"a\",\"authenticators\":[" + softTokens(101) + "]}",
                        () -> Incident.builder("a").authenticators(Collections.nCopies(101,
                                AuthenticatorFacts.builder().type(AuthenticatorType.ENTRUST_SOFT_TOKEN).build())),
                        "authenticators: more than 100 items"),
                bad("over-long message", "{\"id\":\"a\",\"error\":{\"message\":\"" + text20001 + "\"}}",
                        () -> Incident.builder("a").error(e -> e.message(text20001)),
                        "error.message: longer than the limit of 20000 characters"),
                bad("over-long description", "{\"id\":\"a\",\"description\":\"" + text20001 + "\"}",
                        () -> Incident.builder("a").description(text20001),
                        "description: longer than the limit of 20000 characters"),
                bad("over-long error code", "{\"id\":\"a\",\"error\":{\"message\":\"m\",\"code\":\"" + code201 + "\"}}",
                        () -> Incident.builder("a").error(e -> e.message("m").code(code201)),
                        "error.code: longer than the limit of 200 characters"),
                bad("null authenticator", "{\"id\":\"a\",\"authenticators\":[{\"type\":\"GRID\"},null]}",
                        () -> Incident.builder("a").authenticator(a -> a.type(AuthenticatorType.GRID))
                                .authenticator((AuthenticatorFacts) null),
                        "authenticators[1]: expected object, got null"),
                bad("authenticator without type", "{\"id\":\"a\",\"authenticators\":[{\"state\":\"ACTIVE\"}]}",
                        () -> Incident.builder("a").authenticator(a -> a.state(AuthenticatorState.ACTIVE)),
                        "authenticators[0].type: is required"),
                bad("error without message", "{\"id\":\"a\",\"error\":{\"source\":\"ENTRUST_ST_APP\"}}",
                        () -> Incident.builder("a").error(e -> e.source(ErrorSource.ENTRUST_ST_APP)),
                        "error.message: is required"),
                bad("skew beyond ten years", "{\"id\":\"a\",\"device\":{\"clockSkewSeconds\":-2147483648}}",
                        () -> Incident.builder("a").device(d -> d.clockSkewSeconds(Integer.MIN_VALUE)),
                        "device.clockSkewSeconds: -2147483648 is below the minimum -315576000"),
                bad("password history too long", "{\"id\":\"a\",\"passwordPolicy\":{\"historySize\":256}}",
                        () -> Incident.builder("a").passwordPolicy(p -> p.historySize(256)),
                        "passwordPolicy.historySize: 256 is above the maximum 255"),
                bad("zero time steps", "{\"id\":\"a\",\"settings\":{\"maxTimeSteps\":0,\"tokenTimeStepSeconds\":-30}}",
                        () -> Incident.builder("a").settings(s -> s.maxTimeSteps(0).tokenTimeStepSeconds(-30)),
                        "settings.tokenTimeStepSeconds: -30 is below the minimum 1",
                        "settings.maxTimeSteps: 0 is below the minimum 1"),
                bad("a time the contract cannot write", "{\"id\":\"a\",\"reportedAt\":\"+10000-01-01T00:00:00Z\"}",
                        () -> Incident.builder("a").reportedAt(Instant.parse("+10000-01-01T00:00:00Z")),
                        "reportedAt: \"+10000-01-01T00:00:00Z\" is not a date-time (RFC 3339, e.g. 2026-11-28T09:15:00Z)"),
                bad("several at once", "{\"id\":\"\",\"authenticators\":[{\"inUse\":true}],\"remediationAttempts\":-1}",
                        () -> Incident.builder("").authenticator(a -> a.inUse(true)).remediationAttempts(-1),
                        "id: must not be shorter than 1 character(s)",
                        "authenticators[0].type: is required",
                        "remediationAttempts: -1 is below the minimum 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIncidents")
    void bothPathsRejectTheSameIncidentWithTheSameMessages(String name, String json, Supplier<Incident.Builder> builder,
                                                           List<String> errors) {
        ReadResult read = IncidentTrees.read(READER, JSON.readTree(json)); // the tree: the text path stops 1 MB strings earlier
        assertThat(read).isInstanceOf(ReadResult.Rejected.class);
        assertThat(((ReadResult.Rejected) read).errors()).containsExactlyInAnyOrderElementsOf(errors);

        InvalidIncidentException e = catchThrowableOfType(() -> builder.get().build(), InvalidIncidentException.class);
        assertThat(e).as("build() must reject it").isNotNull();
        assertThat(e.errors()).containsExactlyInAnyOrderElementsOf(errors);
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("invalid incident: " + String.join("; ", e.errors()));
    }

    @Test
    void aMegabyteMessageIsRejectedWithoutSpellingItOut() {
        String mb = repeat('m', 1 << 20);
        assertThatThrownBy(() -> Incident.builder("a").error(e -> e.message(mb)).build())
                .isInstanceOf(InvalidIncidentException.class)
                .hasMessage("invalid incident: error.message: longer than the limit of 20000 characters");
    }

    /** Every enum of the contract is the Java enum, so neither path holds a value the other cannot. */
    @Test
    void theContractsEnumsAreTheModelsEnums() throws IOException {
        JsonNode schema;
        try (InputStream in = IncidentReader.class.getResourceAsStream("/dev/authdoctor/io/incident.schema.json")) {
            schema = JSON.readTree(in);
        }
        JsonNode p = schema.get("properties");
        JsonNode auth = p.get("authenticators").get("items").get("properties");
        assertEnum(p.get("symptom"), Symptom.class);
        assertEnum(p.get("error").get("properties").get("source"), ErrorSource.class);
        assertEnum(p.get("user").get("properties").get("state"), UserState.class);
        assertEnum(p.get("user").get("properties").get("role"), UserRole.class);
        assertEnum(p.get("user").get("properties").get("preferredOtpDelivery"), OtpDelivery.class);
        assertEnum(auth.get("type"), AuthenticatorType.class);
        assertEnum(auth.get("state"), AuthenticatorState.class);
        assertEnum(auth.get("platform"), Platform.class);
        assertEnum(p.get("device").get("properties").get("network"), Network.class);
        assertEnum(p.get("service").get("properties").get("network"), Network.class);
    }

    private static void assertEnum(JsonNode property, Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        property.get("enum").forEach(n -> names.add(n.asString()));
        assertThat(names).as(type.getSimpleName()).containsExactlyElementsOf(
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    static final String FAILED_LOGIN = """
            {"id":"T-1","symptom":"TOKEN_NOT_WORKING","error":{"message":"Your account is locked"},
             "user":{"state":"ACTIVE","locked":true},
             "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE","inUse":true}]}""";

    static Incident failedLogin() {
        return Incident.builder("T-1")
                .symptom(Symptom.TOKEN_NOT_WORKING)
                .error(e -> e.message("Your account is locked"))
                .user(u -> u.state(UserState.ACTIVE).locked(true))
                .authenticator(a -> a.type(AuthenticatorType.ENTRUST_SOFT_TOKEN).state(AuthenticatorState.ACTIVE).inUse(true))
                .build();
    }

    @Test
    void aBuiltIncidentIsTheReadOneAndGetsTheSameDiagnosis() {
        Incident read = ((ReadResult.Accepted) READER.read(FAILED_LOGIN)).incident();
        Incident built = failedLogin();
        assertThat(built).isEqualTo(read).hasSameHashCodeAs(read).hasToString(read.toString());
        Diagnosis d = doctor.diagnose(built);
        assertThat(d.problemIds()).containsExactly("token-not-working");
        assertThat(d.problems().get(0).causes()).containsExactly("USER_LOCKED");
        assertThat(d).isEqualTo(doctor.diagnose(read));
    }

    /** Every example incident: JSON, to the model, back to the same JSON; rebuilt in Java, the same incident and diagnosis. */
    @Test
    void theExamplesRoundTripThroughTheModelAndItsBuilders() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("examples/incidents.jsonl"));
        assertThat(lines).hasSizeGreaterThan(10);
        for (String line : lines) {
            Incident read = ((ReadResult.Accepted) READER.read(line)).incident();
            assertThat(IncidentTree.toTree(read)).as(line).isEqualTo(JSON.readTree(line));
            Incident rebuilt = read.toBuilder().build();
            assertThat(rebuilt).isEqualTo(read).isNotSameAs(read);
            assertThat(doctor.diagnose(rebuilt)).isEqualTo(doctor.diagnose(read));
        }
    }

    @Test
    void toBuilderGivesTheSameIncidentWithAnotherIdAndLeavesTheFirstAlone() {
        Incident first = failedLogin();
        Incident second = first.toBuilder().id("T-2").build();
        assertThat(second.id()).isEqualTo("T-2");
        assertThat(first.id()).isEqualTo("T-1");
        assertThat(second.toBuilder().id("T-1").build()).isEqualTo(first);
        // A part edited in place starts from the part already there.
        Incident unlocked = first.toBuilder().user(u -> u.locked(false)).build();
        assertThat(unlocked.user().state()).isEqualTo(UserState.ACTIVE);
        assertThat(unlocked.user().locked()).isFalse();
        assertThat(first.user().locked()).isTrue();
    }

    @Test
    void aBuilderUsedAgainDoesNotChangeWhatItBuilt() {
        Incident.Builder b = Incident.builder("a").authenticator(x -> x.type(AuthenticatorType.GRID));
        Incident one = b.build();
        Incident two = b.authenticator(x -> x.type(AuthenticatorType.FIDO)).build();
        assertThat(one.authenticators()).hasSize(1);
        assertThat(two.authenticators()).hasSize(2);
        assertThatThrownBy(() -> two.authenticators().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownAndNoneAreDifferent() {
        assertThat(Incident.of("a").authenticators()).isNull();
        assertThat(Incident.of("a").hasNoAuthenticators()).isFalse();
        assertThat(Incident.builder("a").authenticators(List.of()).build().hasNoAuthenticators()).isTrue();
        assertThat(Incident.of("a").attempts()).isZero();
    }
}
