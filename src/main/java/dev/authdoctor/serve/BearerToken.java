package dev.authdoctor.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret clients send as {@code Authorization: Bearer <token>}. Only its SHA-256 is kept, and a presented
 * token is hashed and compared with {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ;
 * hashing first also hides the token's length.
 */
public final class BearerToken {

    /** Shorter tokens are refused: a token is the only thing between the network and the API. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private BearerToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * A token given as text (e.g. from the environment).
     *
     * @param token the token; surrounding white space is dropped
     * @param source where it came from, for the error message
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters or holds white space
     */
    public static BearerToken of(String token, String source) {
        String t = token == null ? "" : token.strip();
        if (t.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(source + ": the token must be at least " + MIN_LENGTH + " characters long");
        }
        if (t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(source + ": the token must be one word, without spaces");
        }
        return new BearerToken(t);
    }

    /**
     * A token read from the first line of a file.
     *
     * @throws IllegalArgumentException when the file cannot be read or the token is too short
     */
    public static BearerToken fromFile(Path file) {
        try {
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return of(first, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the token file (" + e.getMessage() + ")");
        }
    }

    /** True when the {@code Authorization} header carries this token. */
    boolean accepts(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
