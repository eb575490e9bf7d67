package dev.authdoctor.rules;

import dev.authdoctor.testing.PackScenarios;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/** The built-in pack's own scenarios (rules/scenarios), run the way an organisation runs its pack's: every rule must fire. */
class BuiltInPackScenariosTest {

    @TestFactory
    Stream<DynamicNode> everyScenarioPassesAndEveryRuleFires() {
        return PackScenarios.of(Path.of("rules")).requireFullCoverage().tests();
    }
}
