package dev.authdoctor.io;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.READER;
import static dev.authdoctor.Doctor.diagnose;
import static org.assertj.core.api.Assertions.assertThat;

/** User objects shaped exactly like the IDaaS Administration API's diagnose like their hand-written twins. */
class IdaasUserTest {

    static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/idaas/" + name));
    }

    static Incident accepted(ReadResult r) {
        assertThat(r).isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) r).incident();
    }

    @Test
    void anApiUserDiagnosesLikeItsHandWrittenTwin() throws Exception {
        Incident fromApi = accepted(IdaasUser.read(fixture("user-inactive-soft-token.json"),
                new IdaasUser.Report("T1", "TOKEN_NOT_WORKING", null, null), READER));
        Diagnosis api = DOCTOR.diagnose(fromApi);
        Diagnosis twin = diagnose("""
                {"id":"T1","symptom":"TOKEN_NOT_WORKING",
                 "user":{"id":"jdoe","email":"jane.doe@example.com","mobile":"+15555550100","state":"INACTIVE","locked":false,
                         "preferredOtpDelivery":"SMS"},
                 "authenticators":[{"id":"0c1e8f5a-6a0b-4d6c-8f7e-9a2b3c4d5e6f","type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE",
                                    "name":"Work phone","platform":"IOS"}]}""");
        assertThat(JSON.toLine(api)).isEqualTo(JSON.toLine(twin));
        assertThat(api.problems().get(0).causes()).containsExactly("USER_INACTIVE");
    }

    @Test
    void everyAuthenticatorListAndTheLockoutStatusAreMapped() throws Exception {
        Incident i = accepted(IdaasUser.read(fixture("user-locked-canceled-grid.json"),
                new IdaasUser.Report(null, "GRID_NOT_ACCEPTED", null, null), READER));
        assertThat(i.id()).isEqualTo("idaas-user-a9d8c7b6-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        assertThat(i.user().locked()).isTrue();
        assertThat(i.authenticators()).extracting(a -> a.type() + " " + a.state() + " " + a.locked()).containsExactly(
                "MOBILE_SMART_CREDENTIAL INACTIVE null", "GRID CANCELED true", "FIDO ACTIVE null");
        Diagnosis d = Troubleshooter.builder().addPack(Path.of("packs/idaas-extended")).build().diagnose(i);
        assertThat(d.problemIds()).containsExactly("grid-not-accepted");
        assertThat(d.problems().get(0).causes()).containsExactly("GRID_CANCELED");
    }

    @Test
    void aMessageFromTheReportIsRecognised() throws Exception {
        Incident i = accepted(IdaasUser.read("{\"id\":\"u\",\"tokens\":[]}",
                new IdaasUser.Report("T3", null, "Invalid Response.", "RESET_TOKEN_WINDOW"), READER));
        assertThat(DOCTOR.diagnose(i).problemIds()).containsExactly("reset-token-invalid-response");
        assertThat(i.hasNoAuthenticators()).isTrue();
    }

    @Test
    void aValueTheApiDoesNotAllowIsNamedByItsApiField() {
        ReadResult r = IdaasUser.read("{\"state\":\"ENABLED\",\"tokens\":[{\"type\":\"YUBIKEY\",\"state\":\"ACTIVE\"}]}",
                new IdaasUser.Report("T4", null, null, null), READER);
        assertThat(((ReadResult.Rejected) r).errors()).containsExactly(
                "state: \"ENABLED\" is not one of ACTIVE, INACTIVE",
                "tokens[0].type: \"YUBIKEY\" is not one of ENTRUST_LEGACY_TOKEN, ENTRUST_PHYSICAL_TOKEN, ENTRUST_SOFT_TOKEN, GOOGLE_AUTHENTICATOR, OATH_PHYSICAL_TOKEN");
        assertThat(IdaasUser.read("[1]", new IdaasUser.Report("T5", null, null, null), READER)).isInstanceOf(ReadResult.Rejected.class);
    }

    @Test
    void platformsAreReadFromTheApisFreeText() {
        assertThat(IdaasUser.platform("iOS 18.1")).isEqualTo("IOS");
        assertThat(IdaasUser.platform("Android 14")).isEqualTo("ANDROID");
        assertThat(IdaasUser.platform("BlackBerry 10")).isEqualTo("BLACKBERRY");
        assertThat(IdaasUser.platform("Tizen")).isEqualTo("OTHER");
        assertThat(IdaasUser.platform("")).isNull();
    }
}
