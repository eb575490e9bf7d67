package dev.authdoctor.testing;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.RulePack;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a rule pack's scenarios inside a team's own {@code mvn test}, one JUnit test per case plus one
 * for rule coverage:
 * <pre>{@code
 * class OurPackTest {
 *     @TestFactory
 *     Stream<DynamicNode> scenarios() {
 *         return PackScenarios.of(Path.of("src/main/rules/our-pack")).requireFullCoverage().tests();
 *     }
 * }
 * }</pre>
 * Needs {@code junit-jupiter-api} on the test class path (authdoctor declares it optional).
 */
public final class PackScenarios {

    private final Path pack;
    private boolean fullCoverage;
    private boolean withBuiltIn = true;

    private PackScenarios(Path pack) {
        this.pack = pack;
    }

    /**
     * The scenarios of the pack in this folder, run with the built-in pack loaded too (unless it is the built-in pack).
     *
     * @param pack the pack's folder
     * @return the scenarios' runner, not run yet
     */
    public static PackScenarios of(Path pack) {
        return new PackScenarios(pack);
    }

    /**
     * Fails the coverage test when a rule of the pack fires in no scenario.
     *
     * @return this
     */
    public PackScenarios requireFullCoverage() {
        this.fullCoverage = true;
        return this;
    }

    /**
     * Runs the pack on its own, without the built-in pack.
     *
     * @return this
     */
    public PackScenarios withoutBuiltIn() {
        this.withBuiltIn = false;
        return this;
    }

    /**
     * Loads the pack (and the built-in one, unless it is that pack or left out) and runs every scenario.
     *
     * @return every case's verdict and the pack's rule coverage
     */
    public ScenarioRunner.Report run() {
        RulePack tested = RulePack.fromFolder(pack);
        Troubleshooter.Builder b = Troubleshooter.builder();
        if (!withBuiltIn || tested.name().equals(RulePack.builtIn().name())) {
            b.withoutBuiltIn();
        }
        Troubleshooter doctor = b.addPack(pack).build();
        try {
            return new ScenarioRunner().run(doctor, tested.name(), ScenarioFiles.ofPack(pack));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One dynamic test per case, named after it, and one for coverage.
     *
     * @return the tests, for a JUnit {@code @TestFactory}
     */
    public Stream<DynamicNode> tests() {
        ScenarioRunner.Report report = run();
        List<DynamicNode> tests = new ArrayList<>();
        for (ScenarioRunner.CaseResult c : report.cases()) {
            tests.add(DynamicTest.dynamicTest(c.scenario().file() + ": " + c.scenario().name(), () -> {
                if (!c.passed()) {
                    fail(String.join("\n", c.failures()));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("rule coverage of " + report.pack(), () -> {
            if (report.cases().isEmpty()) {
                fail("the pack has no scenarios in " + pack.resolve(RulePack.SCENARIOS));
            }
            if (fullCoverage && !report.neverFired().isEmpty()) {
                fail("rules no scenario makes fire: " + report.neverFired());
            }
        }));
        return tests.stream();
    }
}
