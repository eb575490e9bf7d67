package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.text.Knowledge;
import dev.authdoctor.text.PrecomputedWords;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build step (Maven, process-classes): compiles the built-in pack to Drools' executable model and writes
 * the kjar beside it, with the hash of the DRL it was made from. Loading it at run time skips compiling
 * the DRL, which is most of the start-up time. Also writes the text matcher's analysis of the pack's words
 * ({@link PrecomputedWords}). Not used at run time.
 */
public final class Precompile {

    static final String KJAR = "dev/authdoctor/rules/builtin.kjar";
    static final String KJAR_HASH = "dev/authdoctor/rules/builtin.kjar.sha256";

    private Precompile() {
    }

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        RulePack pack = RulePack.fromFolder(classes.resolve("dev/authdoctor/rules/builtin"));
        byte[] kjar = kjar(pack, RuleBase.precompiledReleaseId(pack));
        Files.write(classes.resolve(KJAR), kjar);
        // and its classes beside the library's, so that a JVM's startup cache can hold them (PrecompiledRules.onClassPath)
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(kjar))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory() && e.getName().endsWith(".class")) {
                    Path to = classes.resolve(e.getName());
                    Files.createDirectories(to.getParent());
                    Files.write(to, zip.readAllBytes());
                }
            }
        }
        Files.writeString(classes.resolve(KJAR_HASH), pack.sha256(), StandardCharsets.UTF_8);
        // The matcher's analysis of the pack's words, as a rule base of the built-in pack alone merges them (RuleBase)
        byte[] words = PrecomputedWords.write(Knowledge.merge(List.of(pack.knowledge())));
        Files.write(classes.resolve(PrecomputedWords.RESOURCE), words);
        System.out.println("authdoctor: precompiled the built-in pack (" + kjar.length / 1024 + " KiB; its words "
                + words.length / 1024 + " KiB)");
    }

    /**
     * The pack compiled to Drools' executable model, as a kjar. Needs drools-model-codegen (the command line
     * has it; the library's users do not get it).
     *
     * @throws RulePackException naming file and line when the DRL does not compile
     */
    static byte[] kjar(RulePack pack, ReleaseId id) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem().generateAndWritePomXML(id);
        kfs.writeKModuleXML(ks.newKieModuleModel().toXML()); // the default base and session: what RuleBase uses
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (DrlSource s : pack.sources()) {
            kfs.write(RuleBase.kfsPath(0, s), s.text());
            names.put(RuleBase.kfsPath(0, s).replaceFirst("^src/main/resources/", ""), pack.name() + "/" + s.name());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new RulePackException("the rules do not compile to the executable model", builder.getResults().getMessages(Message.Level.ERROR)
                    .stream().map(m -> names.getOrDefault(String.valueOf(m.getPath()).replaceFirst("^src/main/resources/", ""), String.valueOf(m.getPath())) + ":" + m.getLine() + ": " + m.getText().strip()).toList());
        }
        return ((InternalKieModule) builder.getKieModule()).getBytes();
    }
}
