package dev.authdoctor.rules;

import dev.authdoctor.testing.PackScenarios;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/** The idaas-extended pack (packs/idaas-extended), on top of the built-in one: every scenario passes, every rule fires. */
class ExtendedPackScenariosTest {

    @TestFactory
    Stream<DynamicNode> everyScenarioPassesAndEveryRuleFires() {
        return PackScenarios.of(Path.of("packs/idaas-extended")).requireFullCoverage().tests();
    }
}
