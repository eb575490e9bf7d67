package dev.authdoctor.api;

import dev.authdoctor.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A pack written for the names before 0.x is told where the types went, not only that User cannot be resolved. */
class RenamedPackagesTest {

    /** Spelt in pieces, so that the rename script, run again, leaves the old names here alone. */
    private static final String OLD = """
            package acme.rules;
            import %s.*;

            rule "A locked user"
                @id("acme-locked") @row("acme") @problem("token-not-working")
            when
                %s( locked == true )
            then
                insert(new ProblemFound("token-not-working", Evidence.FACTS));
            end
            """.formatted("dev.authdoctor." + "model", "Us" + "er");

    @Test
    void aPackOnTheOldPackageGetsTheNewNamesWithFileAndLine(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "old.drl", OLD);
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> Troubleshooter.builder().addPack(dir).build());
        assertThat(e.problems().get(0)).startsWith("test-pack/old.drl:2: the package dev.authdoctor.model is gone: import dev.authdoctor.incident.*")
                .contains("dev.authdoctor.vocabulary.*", "User, Role, Authenticator, Device and Settings are now UserFacts");
        assertThat(e.problems().subList(1, e.problems().size())).as("Drools' own errors follow").isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("test-pack/old.drl:"));
        assertThat(e).hasMessageContaining("do not compile");
    }

    @Test
    void aPackOnTheNewNamesWithAnotherErrorGetsNoHint(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "broken.drl", OLD.replace("dev.authdoctor." + "model.*;", "dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;")
                .replace("Us" + "er(", "UserFacts( nosuchfield == 1,"));
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> Troubleshooter.builder().addPack(dir).build());
        assertThat(e.problems()).noneSatisfy(p -> assertThat(p).contains("dev.authdoctor.model"));
    }

    @Test
    void validateShowsTheHint(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "old.drl", OLD);
        var out = run("", "validate", dir.toString());
        assertThat(out.exit()).isEqualTo(1);
        assertThat(out.err()).contains("test-pack/old.drl:2: the package dev.authdoctor.model is gone");
    }
}
