package dev.authdoctor.serve;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The help desk's page: {@code GET /} and its files under {@code /assets/}. A fixed list of class-path resources,
 * read once at start (a missing one fails the start, not a request), so no request path ever reaches the file
 * system or the class loader.
 */
final class PageRoutes {

    static final String ROOT = "/dev/authdoctor/serve/page/";
    /** Every file the page is made of: index.html at /, the rest under /assets/. */
    static final List<String> FILES = List.of("index.html", "app.js", "app.css", "icon.svg");

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    private record Asset(String contentType, byte[] bytes) {
    }

    private PageRoutes() {
        for (String name : FILES) {
            assets.put(name, new Asset(contentType(name), read(name)));
        }
    }

    /** Registers {@code GET /} and {@code GET /assets/{name}}. */
    static void register(RoutesConfig routes) {
        PageRoutes page = new PageRoutes();
        routes.get("/", ctx -> page.send(ctx, "index.html"));
        routes.get("/assets/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (name.equals("index.html") || !page.assets.containsKey(name)) {
                throw ApiProblem.notFound("no such asset: " + name);
            }
            page.send(ctx, name);
        });
    }

    private void send(Context ctx, String name) {
        Asset a = assets.get(name);
        // The policy and the other security headers are SecurityHeaders', set for every answer before routing.
        ctx.contentType(a.contentType())
                .result(a.bytes());
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml; charset=utf-8";
            default -> throw new IllegalStateException("no content type for page file " + name);
        };
    }

    private static byte[] read(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's file " + ROOT + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
