package dev.authdoctor.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.apache.commons.validator.routines.InetAddressValidator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data and ids in free text: e-mail addresses (quoted local parts, non-ASCII, IP
 * literals), phone numbers, IPv4 and IPv6 addresses, UUIDs, URLs, long hex strings, id-like tokens and
 * numbers. Ticket drafts replace what it finds with masks and pseudonyms; batch summaries with typed
 * placeholders ({@link #typed}), which also groups messages that differ only in those parts.
 */
public final class Masker {

    /** What was found. The order is the priority: a part found by an earlier kind wins an overlap. */
    public enum Kind {
        URL, EMAIL, UUID, IP, PHONE, HEX, ID, NUMBER;

        /** The typed placeholder, e.g. {@code <email>}. */
        public String placeholder() {
            return "<" + name().toLowerCase(Locale.ROOT) + ">";
        }
    }

    /** Personal data proper: what a ticket draft must never carry in clear. */
    public static final Set<Kind> PERSONAL = EnumSet.of(Kind.EMAIL, Kind.UUID, Kind.IP, Kind.PHONE);
    /** Everything that varies from one copy of a message to the next. */
    public static final Set<Kind> VARIABLE = EnumSet.allOf(Kind.class);

    /** One part of a text: {@code text.substring(start, end)}. */
    public record Found(Kind kind, int start, int end, String text) {
    }

    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
    /**
     * Deliberately wide: a quoted local part, any letters (IDN and non-ASCII local parts), a domain of one
     * or more labels or an address literal. A confirming parser would refuse what it cannot place (a
     * reserved TLD such as {@code .example}, a new TLD, an intranet host), and a refused address would stay
     * in clear; masking a little too much costs nothing.
     */
    static final Pattern EMAIL = Pattern.compile(
            "(?:\"(?:[^\"\\\\\\r\\n]|\\\\.)+\"|" + ATOM + "(?:\\." + ATOM + ")*)@(?:\\[[^\\]\\s]{1,60}\\]|" + LABEL + "(?:\\." + LABEL + ")*)");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:[a-z][a-z0-9+.-]*://|www\\.)[^\\s<>\"]+");
    private static final Pattern UUID = Pattern.compile(
            "(?i)(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\p{N}.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\p{N}]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\p{L}\\p{N}:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3})?(?:%[\\p{Alnum}._-]+)?(?![\\p{L}\\p{N}:])");
    /**
     * National formats of other countries than the default region ("07700 900123", "0176 12345678"), which
     * libphonenumber finds only with that country's region: a leading + or 0 and 8 to 15 digits.
     */
    private static final Pattern DIALLED = Pattern.compile("(?<![\\p{L}\\p{N}+])(?:\\+|0)\\d(?:[ ()/-]{0,2}\\d){7,14}(?![\\p{L}\\p{N}])");
    private static final Pattern HEX = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(?:0x)?(?=[0-9a-f]*\\d)[0-9a-f]{12,}(?![\\p{L}\\p{N}])");
    /** A token mixing letters and digits ("jdoe42", "u1234"): an account name or a reference more often than a word. */
    private static final Pattern ID = Pattern.compile("(?<![\\p{L}\\p{N}])(?=[\\p{L}_]*\\p{N})(?=[\\p{N}_]*\\p{L})[\\p{L}\\p{N}_]+(?![\\p{L}\\p{N}])");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    /** Longer texts are cut before masking; what is cut is never shown. */
    private static final int MAX_TYPED_INPUT = 2_000;

    /** Fewer digits than this in a whole text hold no phone number worth finding (the shortest national numbers have 5 or 6). */
    private static final int MIN_PHONE_DIGITS = 5;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final InetAddressValidator INET = InetAddressValidator.getInstance();

    private static final Masker DEFAULT = new Masker(List.of("US"));

    private final List<String> regions;

    /** A masker that reads phone numbers written without a country code as numbers of these regions (ISO 3166 codes). */
    public Masker(List<String> phoneRegions) {
        this.regions = List.copyOf(new LinkedHashSet<>(phoneRegions));
    }

    /** Reads national phone numbers as US ones; international ones (+...) are found for every country. */
    public static Masker standard() {
        return DEFAULT;
    }

    /** This masker, also reading national phone numbers as numbers of {@code region}. */
    public Masker withRegion(String region) {
        if (region == null || regions.contains(region)) {
            return this;
        }
        List<String> more = new ArrayList<>(regions);
        more.add(region);
        return new Masker(more);
    }

    /** This masker, also reading national phone numbers as numbers of the countries of these international ones. */
    public Masker withRegionsOf(String... internationalNumbers) {
        Masker m = this;
        for (String number : internationalNumbers) {
            if (number != null && number.strip().startsWith("+")) {
                try {
                    String region = PHONES.getRegionCodeForNumber(PHONES.parse(number, "ZZ"));
                    m = "ZZ".equals(region) ? m : m.withRegion(region);
                } catch (NumberParseException e) {
                    // not a number libphonenumber can place: the masks of the text still apply
                }
            }
        }
        return m;
    }

    /**
     * The typed form of a message, for listing and grouping: addresses, ids, numbers, phone numbers, IPs
     * and URLs replaced by {@code <email>}, {@code <id>}, {@code <number>}, ... e.g.
     * "unexpected failure 10001 for jdoe42@example.com" gives "unexpected failure &lt;number&gt; for &lt;email&gt;".
     */
    public static String typed(String message) {
        if (message == null) {
            return null;
        }
        String text = message.length() > MAX_TYPED_INPUT ? message.substring(0, MAX_TYPED_INPUT) : message;
        Masker m = standard();
        return replace(text, m.find(text, VARIABLE), f -> f.kind().placeholder());
    }

    /** The parts of {@code text} of the given kinds, in text order, none overlapping another. */
    public List<Found> find(String text, Set<Kind> kinds) {
        TreeMap<Integer, Found> taken = new TreeMap<>();
        for (Kind kind : Kind.values()) {
            if (!kinds.contains(kind)) {
                continue;
            }
            List<Found> candidates = switch (kind) {
                case URL -> matches(kind, URL, text);
                case EMAIL -> matches(kind, EMAIL, text);
                case UUID -> matches(kind, UUID, text);
                case IP -> ips(text);
                case PHONE -> phones(text);
                case HEX -> matches(kind, HEX, text);
                case ID -> matches(kind, ID, text);
                case NUMBER -> matches(kind, NUMBER, text);
            };
            for (Found c : candidates) {
                if (free(taken, c)) {
                    taken.put(c.start(), c);
                }
            }
        }
        return new ArrayList<>(taken.values());
    }

    /** Whether {@code c} overlaps none of the parts taken so far (which never overlap each other). */
    private static boolean free(TreeMap<Integer, Found> taken, Found c) {
        Map.Entry<Integer, Found> before = taken.floorEntry(c.start());
        if (before != null && before.getValue().end() > c.start()) {
            return false;
        }
        Map.Entry<Integer, Found> after = taken.higherEntry(c.start());
        return after == null || after.getKey() >= c.end();
    }

    /** {@code text} with each part found replaced by what {@code replacement} gives for it. */
    public static String replace(String text, List<Found> found, Function<Found, String> replacement) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Found f : found) {
            out.append(text, at, f.start()).append(replacement.apply(f));
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * An address masked for a reader who may see the domain but not the person: {@code j***@example.com};
     * the local part's first letter or digit is kept, an address literal's IP is not.
     */
    public static String maskEmail(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String first = local.codePoints().filter(Character::isLetterOrDigit).limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (at < 0) {
            return first + "***";
        }
        String domain = address.substring(at + 1);
        return first + "***@" + (domain.startsWith("[") ? "[" + Kind.IP.placeholder() + "]" : domain);
    }

    private static List<Found> matches(Kind kind, Pattern pattern, String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int end = m.end();
            if (kind == Kind.URL) {
                // A sentence's closing punctuation is not part of the address.
                while (end > m.start() && ".,;:!?)]}'".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
            }
            out.add(new Found(kind, m.start(), end, text.substring(m.start(), end)));
        }
        return out;
    }

    private static List<Found> ips(String text) {
        List<Found> out = new ArrayList<>();
        for (Found c : matches(Kind.IP, IPV4, text)) {
            if (INET.isValidInet4Address(c.text())) {
                out.add(c);
            }
        }
        for (Found c : matches(Kind.IP, IPV6, text)) {
            String literal = c.text();
            int zone = literal.indexOf('%');
            // A time such as 10:30:00 is a candidate too; the validator tells them apart.
            if (INET.isValidInet6Address(zone < 0 ? literal : literal.substring(0, zone))) {
                out.add(c);
            }
        }
        return out;
    }

    private List<Found> phones(String text) {
        List<Found> out = new ArrayList<>();
        if (text.chars().filter(c -> c >= '0' && c <= '9').limit(MIN_PHONE_DIGITS).count() < MIN_PHONE_DIGITS) {
            return out; // too few digits for any number: spare libphonenumber's scan, the costliest step
        }
        for (String region : regions) {
            // POSSIBLE: a number need not be assigned to be someone's (fictional ranges, new blocks), but
            // digits glued to letters ("INC0010009") are a reference, not a number.
            for (PhoneNumberMatch m : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                if (!gluedToWord(text, m.start(), m.end())) {
                    out.add(new Found(Kind.PHONE, m.start(), m.end(), m.rawString()));
                }
            }
        }
        out.addAll(matches(Kind.PHONE, DIALLED, text));
        return out;
    }

    private static boolean gluedToWord(String text, int start, int end) {
        return start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))
                || end < text.length() && Character.isLetterOrDigit(text.charAt(end));
    }
}
