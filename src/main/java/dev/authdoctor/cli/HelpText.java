package dev.authdoctor.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * Header and description paragraphs wrapped at spaces only, to the help's width. picocli prints each element of
 * a {@code description} on lines of its own and wraps with the JDK's line break rules, which break after a period
 * inside a word ("diagnoses." / "csv"). Here an element that follows one not ending a sentence (with '.') continues
 * its paragraph, so descriptions may be split anywhere in the source, and a file name is never cut.
 */
final class HelpText {

    private HelpText() {
    }

    static String header(CommandLine.Help help) {
        return paragraphs(help.commandSpec().usageMessage().header(), help.commandSpec().usageMessage().width());
    }

    static String description(CommandLine.Help help) {
        return paragraphs(help.commandSpec().usageMessage().description(), help.commandSpec().usageMessage().width());
    }

    /**
     * The option list as picocli lays it out (names in the left column, sorted as picocli sorts them), with each
     * description wrapped at spaces only, so "DIR/incident-&lt;pseudonym&gt;.txt" stays whole.
     */
    static String options(CommandLine.Help help) {
        CommandLine.Model.CommandSpec spec = help.commandSpec();
        List<CommandLine.Model.OptionSpec> options = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(o);
            }
        }
        if (spec.usageMessage().sortOptions()) {
            options.sort(CommandLine.Help.createShortOptionArityAndNameComparator());
        }
        CommandLine.Help.IOptionRenderer renderer = help.createDefaultOptionRenderer();
        CommandLine.Help.IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
        int width = spec.usageMessage().width();
        int column = 2 + 2 + 1 + spec.usageMessage().longOptionsMaxWidth() + 1; // picocli's columns: mark, short, comma, long
        String indent = " ".repeat(column + 2); // continuation lines indented as picocli indents them
        StringBuilder out = new StringBuilder();
        for (CommandLine.Model.OptionSpec o : options) {
            CommandLine.Help.Ansi.Text[] row = renderer.render(o, labels, help.colorScheme())[0];
            StringBuilder names = new StringBuilder();
            int[] widths = {2, 2, 1}; // mark, short name, comma; then the long name and its parameter
            for (int i = 0; i < widths.length && i < row.length; i++) {
                names.append(String.format("%-" + widths[i] + "s", row[i].plainString()));
            }
            if (row.length > widths.length) {
                names.append(' ').append(row[widths.length].plainString());
            }
            String name = names.toString().stripTrailing();
            List<String> lines = wrap(String.join(" ", o.renderedDescription()), Math.max(20, width - column - 2));
            boolean nameOnItsOwnLine = name.length() + 2 > column;
            if (nameOnItsOwnLine) {
                out.append(name).append(System.lineSeparator());
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = i == 0 && !nameOnItsOwnLine ? String.format("%-" + column + "s", name) + lines.get(0) : indent + lines.get(i);
                out.append(line.stripTrailing()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    static String paragraphs(String[] elements, int width) {
        List<String> paragraphs = new ArrayList<>();
        for (String e : elements) {
            String text = e.strip();
            int last = paragraphs.size() - 1;
            if (last >= 0 && !text.isEmpty() && !paragraphs.get(last).isEmpty() && !paragraphs.get(last).endsWith(".")) {
                paragraphs.set(last, paragraphs.get(last) + " " + text);
            } else {
                paragraphs.add(text);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String p : paragraphs) {
            for (String line : wrap(p, width)) {
                out.append(line).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** The words of {@code text} in lines of at most {@code width} characters; a longer word gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
