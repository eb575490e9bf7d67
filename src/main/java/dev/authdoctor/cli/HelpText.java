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
