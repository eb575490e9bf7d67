package dev.authdoctor.engine;

import org.drools.core.impl.RuleBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.internal.conf.IndexLeftBetaMemoryOption;
import org.kie.internal.conf.IndexRightBetaMemoryOption;

/** How every rule base is configured, whether built from DRL or from precompiled rules. */
final class BaseSettings {

    private BaseSettings() {
    }

    /**
     * The configuration for a new rule base; {@code classes} null for Drools' default class loader.
     *
     * <p>A session holds one incident's facts, a handful of each type: hashing them into indexed join memories costs
     * more than scanning them, and creating those memories is a good part of a session's set-up. Without the
     * indexes a diagnosis was 7 % cheaper (BENCHMARKS.md, "Cold batch"); the matches, and so the answers, are the same.
     */
    static KieBaseConfiguration newConfiguration(ClassLoader classes) {
        KieBaseConfiguration conf = classes == null ? RuleBaseFactory.newKnowledgeBaseConfiguration()
                : RuleBaseFactory.newKnowledgeBaseConfiguration(null, classes);
        conf.setOption(IndexLeftBetaMemoryOption.NO);
        conf.setOption(IndexRightBetaMemoryOption.NO);
        return conf;
    }
}
