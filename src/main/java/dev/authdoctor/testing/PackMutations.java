package dev.authdoctor.testing;

import dev.authdoctor.testing.mutation.MutationReport;
import dev.authdoctor.testing.mutation.PackMutator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutation testing of a rule pack inside a team's own {@code mvn test}: fails, listing every surviving mutant with
 * file:line, rule and change, when the pack's scenarios kill fewer mutants than asked.
 * <pre>{@code
 * class OurPackMutationTest {
 *     @Test
 *     void scenariosNoticeEveryChangeToTheRules() {
 *         PackMutations.of(Path.of("src/main/rules/our-pack")).minScore(100).test();
 *     }
 * }
 * }</pre>
 * Needs {@code junit-jupiter-api} on the test class path (authdoctor declares it optional). A run compiles the pack
 * once per mutant: expect a minute or more for a pack of a few hundred lines.
 */
public final class PackMutations {

    private final PackMutator mutator;
    private double minScore = 100;

    private PackMutations(Path pack) {
        this.mutator = PackMutator.of(pack);
    }

    /**
     * Mutation testing for the pack in this folder, with the built-in pack loaded too (unless it is the built-in pack).
     *
     * @param pack the pack's folder
     * @return the run, not started
     */
    public static PackMutations of(Path pack) {
        return new PackMutations(pack);
    }

    /**
     * The score below which {@link #test()} fails; 100 unless set.
     *
     * @param percent from 0 to 100
     * @return this
     */
    public PackMutations minScore(double percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("minScore is a percentage from 0 to 100, not " + percent);
        }
        this.minScore = percent;
        return this;
    }

    /**
     * Runs the pack on its own, without the built-in pack.
     *
     * @return this
     */
    public PackMutations withoutBuiltIn() {
        mutator.withoutBuiltIn();
        return this;
    }

    /**
     * Makes and runs every mutant.
     *
     * @return the report, for checks of one's own
     */
    public MutationReport run() {
        try {
            return mutator.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs every mutant and fails, listing the survivors, when the score is below the minimum.
     *
     * @return the report, when the score is reached
     */
    public MutationReport test() {
        MutationReport report = run();
        if (report.score() < minScore) {
            fail("mutation score " + report.score() + "% is below " + minScore + "%: the scenarios let these mutants through\n"
                    + report.text());
        }
        return report;
    }
}
