package dev.authdoctor.serve;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every answer carries. The API's answers are data, never documents: nothing may load from them, frame
 * them or cache them. The page gets a policy that allows its own files and nothing inline.
 */
final class SecurityHeaders {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    /** The page and its files: {@code /}, {@code /index.html} and {@code /assets/...}. */
    static boolean isPage(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith("/assets/");
    }

    static void apply(HttpFields.Mutable headers, String path, boolean tls) {
        if (isPage(path)) {
            headers.put("Content-Security-Policy", PAGE_CSP);
            common(headers);
            if (!path.startsWith("/assets/")) {
                headers.put("Cache-Control", "no-store");
            }
        } else {
            api(headers);
        }
        if (tls) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
    }

    static void api(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", API_CSP);
        headers.put("Cache-Control", "no-store");
        common(headers);
    }

    private static void common(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
    }
}
