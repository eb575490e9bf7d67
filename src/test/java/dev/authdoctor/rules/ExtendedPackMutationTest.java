package dev.authdoctor.rules;

import dev.authdoctor.testing.PackMutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

/**
 * The pack's scenarios notice every change the mutation runner makes to its rules, bar those the pack marks equivalent
 * with a reason. Minutes long, so only on request: {@code mvn test -Dtest=ExtendedPackMutationTest -Dauthdoctor.mutation=true}
 * (the same as {@code ./authdoctor test packs/idaas-extended --mutate --min-score 100}).
 */
@EnabledIfSystemProperty(named = "authdoctor.mutation", matches = "true")
class ExtendedPackMutationTest {

    @Test
    void everyMutantOfThePackIsKilled() {
        PackMutations.of(Path.of("packs/idaas-extended")).minScore(100).test();
    }
}
