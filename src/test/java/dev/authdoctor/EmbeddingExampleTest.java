package dev.authdoctor;

import dev.authdoctor.api.Actor;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.examples.embedding.ConcurrentDiagnoses;
import dev.authdoctor.examples.embedding.EmbeddingExample;
import dev.authdoctor.examples.embedding.FailedLoginHook;
import dev.authdoctor.examples.embedding.JsonLinesPipeline;
import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding example (examples/embedding), compiled with the tests so it cannot rot, and run here on the
 * classes; .ci/run runs it once more as its own project against the installed jar.
 */
class EmbeddingExampleTest {

    private static final Path EXAMPLE = Path.of("examples/embedding");
    private static Troubleshooter doctor;

    @BeforeAll
    static void build() {
        doctor = Troubleshooter.create();
    }

    @AfterAll
    static void close() {
        doctor.close();
    }

    @Test
    void theFailedLoginHookDiagnosesALockedUserAndPrintsEachStepWithItsActor() {
        Diagnosis d = new FailedLoginHook(doctor).onFailedLogin("LOGIN-1", "Your account is locked");

        assertThat(d.problemIds()).containsExactly("token-not-working");
        assertThat(d.problems().get(0).causes()).containsExactly("USER_LOCKED");
        assertThat(d.steps()).extracting(Diagnosis.Step::actor).containsExactly(Actor.SUPER_ADMINISTRATOR, Actor.SUPPORT);
        assertThat(FailedLoginHook.describe(d)).startsWith("LOGIN-1: DIAGNOSED [token-not-working]\n  1. [SUPER_ADMINISTRATOR] Unlock")
                .endsWith("escalate to SUPER_ADMINISTRATOR now");
    }

    /** The "done means": the incident that took 18 nulls, written with builders in under 15 lines. */
    @Test
    void theFailedLoginIncidentIsBuiltInUnder15Lines() throws Exception {
        String source = Files.readString(EXAMPLE.resolve("src/main/java/dev/authdoctor/examples/embedding/FailedLoginHook.java"));
        Matcher body = Pattern.compile("public static Incident incident\\([^)]*\\) \\{\\n(.*?)\\n    }\\n", Pattern.DOTALL).matcher(source);
        assertThat(body.find()).as("FailedLoginHook.incident(...)").isTrue();
        assertThat(body.group(1).lines().count()).isLessThan(15);
        assertThat(body.group(1)).doesNotContain("null").contains("Incident.builder(");

        Incident incident = FailedLoginHook.incident("LOGIN-1", "Your account is locked");
        assertThat(incident.user().locked()).isTrue();
        assertThat(incident.authenticators()).singleElement().satisfies(a -> assertThat(a.type().name()).isEqualTo("ENTRUST_SOFT_TOKEN"));
        assertThat(incident.error().message()).isEqualTo("Your account is locked");
    }

    @Test
    void sixteenThreadsSharingOneTroubleshooterGiveIdenticalAnswers() throws Exception {
        List<Incident> logins = List.of(FailedLoginHook.incident("LOGIN-1", "Your account is locked"),
                FailedLoginHook.incident("LOGIN-2", "Invalid credentials"));

        assertThat(ConcurrentDiagnoses.run(doctor, logins, 16, 3))
                .isEqualTo("96 diagnoses of 2 incidents, identical across 16 threads");
        assertThat(doctor.openSessions()).isZero();
    }

    @Test
    void thePipelineWritesOneDiagnosisPerLineAndRejectsTheBadLineByNumberAndField() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = EmbeddingExample.class.getResourceAsStream("incidents.jsonl")) {
            JsonLinesPipeline.run(doctor, in, out);
        }

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"incidentId\":\"WEB-101\",\"outcome\":\"DIAGNOSED\",\"problems\":[{\"id\":\"token-not-working\"");
        assertThat(lines.get(1)).startsWith("{\"incidentId\":\"WEB-102\",\"outcome\":\"REJECTED\"")
                .contains("\"errors\":[\"line 2: user.state: \\\"ENABLED\\\" is not one of ACTIVE, INACTIVE\"]");
        assertThat(lines.get(2)).startsWith("{\"incidentId\":\"WEB-103\",\"outcome\":\"DIAGNOSED\",\"problems\":[{\"id\":\"st-activation-code-expired\"");
    }

    @Test
    void theExampleRunsEndToEndAsItsMainMethod() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("LOGIN-1: DIAGNOSED [token-not-working]", "identical across 16 threads",
                "\"incidentId\":\"WEB-103\",\"outcome\":\"DIAGNOSED\"");
    }

    /** The example depends on the library by version; .ci/run installs the root pom's version. */
    @Test
    void theExampleDependsOnTheVersionTheRootPomBuilds() throws Exception {
        assertThat(xpath(EXAMPLE.resolve("pom.xml"), "/project/properties/authdoctor.version"))
                .isEqualTo(xpath(Path.of("pom.xml"), "/project/version"));
        // the full library by default, the lean runtime (runtime/pom.xml) with -Plean
        assertThat(xpath(EXAMPLE.resolve("pom.xml"), "//profile[id='full']/dependencies/dependency[artifactId='authdoctor']/groupId"))
                .isEqualTo(xpath(Path.of("pom.xml"), "/project/groupId"));
        assertThat(xpath(EXAMPLE.resolve("pom.xml"), "//profile[id='lean']/dependencies/dependency/artifactId"))
                .isEqualTo(xpath(Path.of("runtime/pom.xml"), "/project/artifactId"));
    }

    private static String xpath(Path pom, String expression) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc).strip();
    }
}
