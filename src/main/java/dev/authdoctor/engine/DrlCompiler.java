package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles DRL into a base of its own with Drools' knowledge builder. Not through {@code KieServices}: a
 * KieModule added to its repository is logged at INFO, and a failed build logs Drools' own ERROR besides
 * the exception thrown here. The only class that needs the DRL compiler (drools-compiler, drools-mvel and
 * ECJ), which the lean runtime leaves out; without them it fails naming what to add.
 */
final class DrlCompiler {

    /** What the lean runtime leaves out and compiling DRL needs. */
    static final String NEEDED = "org.drools:drools-compiler and org.drools:drools-mvel";

    private DrlCompiler() {
    }

    /** Whether the DRL compiler is on the class path. */
    static boolean available() {
        try {
            Class.forName("org.drools.compiler.builder.impl.KnowledgeBuilderImpl", false, DrlCompiler.class.getClassLoader());
            Class.forName("org.drools.mvel.MVELConstraint", false, DrlCompiler.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param textOfPath   each DRL file's build path and text
     * @param displayNames what to call each build path in an error: the pack and file name
     * @throws RulePackException naming file and line of every error; or, in the lean runtime, naming the
     *                           artifacts to add
     */
    static KieBase compile(Map<String, String> textOfPath, Map<String, String> displayNames) {
        return newBase(packages(textOfPath, displayNames));
    }

    /**
     * The files compiled together into Drools' packages, not yet in any base.
     *
     * @throws RulePackException as {@link #compile}
     */
    static List<InternalKnowledgePackage> packages(Map<String, String> textOfPath, Map<String, String> displayNames) {
        if (!available()) {
            throw new RulePackException("these rules are not precompiled, and compiling DRL needs " + NEEDED
                    + " on the class path, which the lean runtime leaves out: add them, or precompile the pack "
                    + "(authdoctor compile DIR) and add the archive", List.of());
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        CompositeKnowledgeBuilder batch = builder.batch(); // all files together: one may use another's declarations
        textOfPath.forEach((path, text) -> {
            Resource r = ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
            r.setSourcePath(path);
            batch.add(r, ResourceType.DRL);
        });
        batch.build();
        if (builder.hasErrors()) {
            List<String> errors = new ArrayList<>();
            for (KnowledgeBuilderResult e : builder.getErrors()) {
                String reported = e.getResource() == null || e.getResource().getSourcePath() == null ? "?" : e.getResource().getSourcePath();
                int line = e.getLines() == null || e.getLines().length == 0 ? 0 : e.getLines()[0];
                errors.add(displayNames.getOrDefault(reported, reported) + ":" + line + ": " + e.getMessage().strip());
            }
            throw new RulePackException("the rules do not compile", errors);
        }
        List<InternalKnowledgePackage> packages = new ArrayList<>();
        for (KiePackage p : builder.getKnowledgePackages()) {
            packages.add((InternalKnowledgePackage) p);
        }
        return packages;
    }

    /** A base of these packages, in this order; a package already in another base is copied into it (Drools' deep clone). */
    static KieBase newBase(List<InternalKnowledgePackage> packages) {
        org.drools.kiesession.rulebase.InternalKnowledgeBase base = org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase(
                BaseSettings.newConfiguration(null));
        base.addPackages(new ArrayList<KiePackage>(packages));
        return base;
    }
}
