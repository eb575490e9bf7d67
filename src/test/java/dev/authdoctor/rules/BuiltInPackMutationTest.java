package dev.authdoctor.rules;

import dev.authdoctor.testing.PackMutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

/**
 * The pack's scenarios notice every change the mutation runner makes to its rules, bar those the pack marks equivalent
 * with a reason. Minutes long, so only on request: {@code mvn test -Dtest=BuiltInPackMutationTest -Dauthdoctor.mutation=true}
 * (the same as {@code ./authdoctor test rules --mutate --min-score 100}).
 */
@EnabledIfSystemProperty(named = "authdoctor.mutation", matches = "true")
class BuiltInPackMutationTest {

    @Test
    void everyMutantOfThePackIsKilled() {
        PackMutations.of(Path.of("rules")).minScore(100).test();
    }
}
