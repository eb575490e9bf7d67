package dev.authdoctor.engine;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's conditions as written: each pattern's fact type, whether it is negated ({@code not}) or only
 * required to exist, and its constraints' text. Read from the compiled rule, so it is what runs.
 */
public final class RuleConditions {

    /**
     * One pattern: {@code UserFacts( locked == true )} is type User, constraints ["locked == true"];
     * {@code declarations} are the variables it binds ({@code $window : clockToleranceSeconds}) and how to
     * read each from a matching fact.
     */
    public record Condition(Class<?> type, boolean negated, boolean exists, List<String> constraints, String binding,
                            Map<String, java.util.function.Function<Object, Object>> declarations) {
    }

    private RuleConditions() {
    }

    public static List<Condition> of(Rule rule) {
        List<Condition> out = new ArrayList<>();
        if (rule instanceof RuleImpl impl) {
            walk(impl.getLhs(), false, false, out);
        }
        return out;
    }

    private static void walk(RuleConditionElement element, boolean negated, boolean exists, List<Condition> out) {
        if (element instanceof GroupElement g) {
            for (RuleConditionElement child : g.getChildren()) {
                walk(child, negated || g.isNot(), exists || g.isExists(), out);
            }
        } else if (element instanceof Pattern p && p.getObjectType() instanceof ClassObjectType cot) {
            if (cot.getClassType() == org.drools.base.InitialFact.class) {
                return;
            }
            List<String> constraints = new ArrayList<>();
            for (Constraint c : p.getConstraints()) {
                constraints.add(text(c));
            }
            String binding = p.getDeclaration() == null ? null : p.getDeclaration().getIdentifier();
            Map<String, java.util.function.Function<Object, Object>> declarations = new java.util.LinkedHashMap<>();
            p.getDeclarations().forEach((name, d) -> {
                if (!name.equals(binding) && d.getExtractor() != null) {
                    declarations.put(name, fact -> d.getExtractor().getValue(fact));
                }
            });
            out.add(new Condition(cot.getClassType(), negated, exists, constraints, binding, declarations));
        }
    }

    private static String text(Constraint c) {
        try {
            Object expression = c.getClass().getMethod("getExpression").invoke(c);
            if (expression != null) {
                return expression.toString();
            }
        } catch (ReflectiveOperationException e) {
            // not an expression constraint (e.g. a type check): fall through
        }
        return c.toString();
    }
}
