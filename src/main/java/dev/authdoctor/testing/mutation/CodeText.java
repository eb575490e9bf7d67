package dev.authdoctor.testing.mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * A DRL file's text with, for each character, whether it is code: not inside a string or character literal, nor a
 * comment. Operators, numbers and calls are looked for in code only, so a {@code >} or a {@code 10} inside a step's
 * text is never mutated.
 */
final class CodeText {

    final String text;
    private final boolean[] code;

    CodeText(String text) {
        this.text = text;
        this.code = new boolean[text.length()];
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(i);
                i = end; // the literal, quotes included, stays false
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                code[i] = true;
                i++;
            }
        }
    }

    /** The index just after the string or character literal opening at {@code start}. */
    int literalEnd(int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    boolean isCode(int i) {
        return i >= 0 && i < code.length && code[i];
    }

    /** The first index from {@code from} where {@code word} stands as code, not part of a longer name; -1 when none before {@code to}. */
    int findWord(String word, int from, int to) {
        for (int at = text.indexOf(word, from); at >= 0 && at + word.length() <= to; at = text.indexOf(word, at + 1)) {
            if (isCode(at) && !namePart(at - 1) && !namePart(at + word.length())) {
                return at;
            }
        }
        return -1;
    }

    private boolean namePart(int i) {
        return i >= 0 && i < text.length() && (Character.isJavaIdentifierPart(text.charAt(i)));
    }

    /** The index of the bracket closing the one at {@code open} ({@code (} or {@code {}), skipping literals and comments; -1 if none. */
    int closing(int open) {
        char o = text.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (!isCode(i)) {
                continue;
            }
            if (text.charAt(i) == o) {
                depth++;
            } else if (text.charAt(i) == c && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The arguments of the call whose {@code (} is at {@code open}: each one's start and end, blanks trimmed. */
    List<int[]> arguments(int open) {
        int close = closing(open);
        List<int[]> args = new ArrayList<>();
        if (close < 0) {
            return args;
        }
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < close; i++) {
            if (!isCode(i)) {
                continue;
            }
            char ch = text.charAt(i);
            if (ch == '(' || ch == '{' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                args.add(trim(start, i));
                start = i + 1;
            }
        }
        args.add(trim(start, close));
        return args;
    }

    int[] trim(int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new int[]{start, end};
    }

    /** The line of an index, from 1. */
    int line(int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The text between two indexes on one line, blanks folded, for reports. */
    String shown(int start, int end) {
        return text.substring(start, end).replaceAll("\\s+", " ").strip();
    }
}
