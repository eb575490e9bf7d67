package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.text.Knowledge;
import dev.authdoctor.text.Language;
import dev.authdoctor.text.TextMatcher;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a pack's recognition knowledge from its {@code phrases/} folder:
 * <ul>
 *   <li>{@code <topic>.yaml}, one problem a file: {@code problem:} (its id), {@code messages:} (the product's
 *       message per language: {@code en}, {@code fr}, {@code de}, {@code es}; a string or a list),
 *       {@code phrases:} (how people say it, per language, a list) and {@code not:} (near-miss markers: words
 *       that, in this order, rule the problem out) and {@code causes:} (by cause code, per language, the phrases
 *       that say why, for the problem's own rules to weigh);</li>
 *   <li>{@code off-topic.yaml}: {@code not:}, markers that rule every problem out;</li>
 *   <li>{@code synonyms.txt}: synonyms and abbreviations in Solr's format.</li>
 * </ul>
 * Every mistake is reported as {@code file:line: what is wrong}.
 */
public final class PhraseFiles {

    public static final String FOLDER = "phrases";
    public static final String OFF_TOPIC = "off-topic.yaml";
    public static final String SYNONYMS = "synonyms.txt";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of("problem", "messages", "phrases", "not", "causes", "allowed");

    private PhraseFiles() {
    }

    /** A YAML value with the line it starts on: a String, a List of Nodes or a Map of Nodes. */
    private record Node(Object value, int line) {
    }

    /**
     * The knowledge in a pack's {@code phrases/} folder, from the pack's files as read once (paths relative to the
     * pack, '/'-separated: the same bytes the pack's hash covers); empty when there is none.
     *
     * @param label how files are named in errors, e.g. {@code idaas-extended/phrases}
     * @throws RulePackException listing every error, each with file and line
     */
    public static Knowledge read(SortedMap<String, byte[]> packFiles, String label) {
        return read(packFiles, label, false);
    }

    /**
     * As {@link #read(SortedMap, String)}; {@code wordsChecked} skips the checks that analyse every phrase (the
     * synonyms' syntax, phrases too short once analysed), for the built-in pack when its files are exactly those the
     * build checked, which would otherwise analyse them again at every start.
     */
    static Knowledge read(SortedMap<String, byte[]> packFiles, String label, boolean wordsChecked) {
        String prefix = FOLDER + "/";
        SortedMap<String, byte[]> files = new TreeMap<>();
        packFiles.forEach((path, bytes) -> {
            if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
                files.put(path.substring(prefix.length()), bytes);
            }
        });
        if (files.isEmpty()) {
            return Knowledge.EMPTY;
        }
        List<String> errors = new ArrayList<>();
        List<Knowledge.ProblemWords> problems = new ArrayList<>();
        List<String> offTopic = new ArrayList<>();
        String synonyms = "";
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            String where = label + "/" + name;
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            if (name.equals(SYNONYMS)) {
                synonyms = text;
                if (wordsChecked) {
                    continue;
                }
                try {
                    new TextMatcher(new Knowledge(List.of(), List.of(), text));
                } catch (IllegalArgumentException e) {
                    errors.add(where + ":" + e.getMessage().replaceFirst("^line ", ""));
                }
                continue;
            }
            if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
                continue;
            }
            Node root;
            try {
                root = parse(text);
            } catch (JacksonException e) {
                errors.add(where + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + ": not valid YAML: " + e.getOriginalMessage());
                continue;
            }
            if (!(root.value() instanceof Map<?, ?> map)) {
                errors.add(where + ":" + root.line() + ": expected a mapping with problem, messages, phrases, not");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Node> m = (Map<String, Node>) map;
            if (name.equals(OFF_TOPIC)) {
                m.forEach((k, v) -> {
                    if (!k.equals("not")) {
                        errors.add(where + ":" + v.line() + ": unknown key \"" + k + "\" (expected: not)");
                    }
                });
                offTopic.addAll(strings(m.get("not"), where, "not", errors));
                continue;
            }
            problems.add(problem(m, root, where, errors));
        }
        for (Knowledge.ProblemWords p : problems) {
            for (String marker : p.allowed()) {
                if (!offTopic.contains(marker)) {
                    errors.add(p.where() + ": allowed: \"" + marker + "\" is not one of the pack's off-topic markers (" + OFF_TOPIC + ")");
                }
            }
        }
        if (errors.isEmpty() && !wordsChecked) {
            // A phrase of one word after analysis ("locked", "key") would match far too much: precision first.
            TextMatcher words = new TextMatcher(new Knowledge(List.of(), List.of(), synonyms));
            for (Knowledge.ProblemWords p : problems) {
                List<Knowledge.Phrase> all = new ArrayList<>(p.phrases());
                p.causes().values().forEach(all::addAll);
                for (Knowledge.Phrase ph : all) {
                    if (words.stems(ph.text(), ph.language()).size() < 2) {
                        errors.add(p.where().replaceFirst(":\\d+$", "") + ":" + ph.line() + ": phrase \"" + ph.text()
                                + "\" keeps fewer than two words once stop words are dropped: it would match too much");
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RulePackException("invalid recognition phrases", errors);
        }
        return new Knowledge(problems, offTopic, synonyms);
    }

    private static Knowledge.ProblemWords problem(Map<String, Node> m, Node root, String where, List<String> errors) {
        m.forEach((k, v) -> {
            if (!KEYS.contains(k)) {
                errors.add(where + ":" + v.line() + ": unknown key \"" + k + "\" (expected: problem, messages, phrases, not, causes, allowed)");
            }
        });
        Node id = m.get("problem");
        String problemId = null;
        if (id == null || !(id.value() instanceof String s) || s.isBlank()) {
            errors.add(where + ":" + (id == null ? root.line() : id.line()) + ": problem: a problem id is required");
        } else {
            problemId = s.strip();
        }
        List<Knowledge.Phrase> messages = byLanguage(m.get("messages"), where, "messages", errors);
        List<Knowledge.Phrase> phrases = byLanguage(m.get("phrases"), where, "phrases", errors);
        if (messages.isEmpty() && phrases.isEmpty()) {
            errors.add(where + ":" + root.line() + ": neither messages nor phrases: the problem cannot be recognised from words");
        }
        Map<String, List<Knowledge.Phrase>> causes = new LinkedHashMap<>();
        Node c = m.get("causes");
        if (c != null) {
            if (c.value() instanceof Map<?, ?> byCause) {
                @SuppressWarnings("unchecked")
                Map<String, Node> cm = (Map<String, Node>) byCause;
                cm.forEach((code, texts) -> {
                    if (!code.matches("[A-Z][A-Z0-9_]*")) {
                        errors.add(where + ":" + texts.line() + ": causes." + code + ": a cause code is written in capitals, e.g. CLOCK_DRIFT");
                    }
                    causes.put(code, byLanguage(texts, where, "causes." + code, errors));
                });
            } else {
                errors.add(where + ":" + c.line() + ": causes: expected cause codes, each with its phrases by language");
            }
        }
        return new Knowledge.ProblemWords(problemId, messages, phrases, strings(m.get("not"), where, "not", errors),
                where + ":" + (id == null ? root.line() : id.line()), causes, strings(m.get("allowed"), where, "allowed", errors));
    }

    private static List<Knowledge.Phrase> byLanguage(Node node, String where, String key, List<String> errors) {
        List<Knowledge.Phrase> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node.value() instanceof Map<?, ?> map)) {
            errors.add(where + ":" + node.line() + ": " + key + ": expected languages (en, fr, de, es), each with its texts");
            return out;
        }
        @SuppressWarnings("unchecked")
        Map<String, Node> byLang = (Map<String, Node>) map;
        byLang.forEach((code, texts) -> {
            Language language = Language.of(code);
            if (language == null) {
                errors.add(where + ":" + texts.line() + ": " + key + "." + code + ": not a language (expected en, fr, de or es)");
                return;
            }
            List<Node> items = texts.value() instanceof List<?> l ? castNodes(l) : List.of(texts);
            for (Node item : items) {
                if (!(item.value() instanceof String s) || s.isBlank()) {
                    errors.add(where + ":" + item.line() + ": " + key + "." + code + ": expected a text");
                } else {
                    out.add(new Knowledge.Phrase(language, s.strip(), item.line()));
                }
            }
        });
        return out;
    }

    private static List<String> strings(Node node, String where, String key, List<String> errors) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        List<Node> items = node.value() instanceof List<?> l ? castNodes(l) : List.of(node);
        for (Node item : items) {
            if (!(item.value() instanceof String s) || s.isBlank()) {
                errors.add(where + ":" + item.line() + ": " + key + ": expected a text");
            } else {
                out.add(s.strip());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Node> castNodes(List<?> l) {
        return (List<Node>) l;
    }

    /** YAML as Nodes, each knowing its line (Jackson's token locations). */
    static Node parse(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Node(null, 1);
            }
            return node(p);
        }
    }

    private static Node node(JsonParser p) {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                Node value = node(p);
                // a block list starts on the line after its key: the key's line is where people look
                m.put(name, new Node(value.value(), keyLine));
            }
            return new Node(m, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(node(p));
            }
            return new Node(l, line);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new Node(null, line);
        }
        return new Node(p.getString(), line);
    }
}
