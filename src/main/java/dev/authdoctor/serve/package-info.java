/**
 * The resident service: {@code authdoctor serve}, a JSON API under {@code /v1} and the help desk's web page, on
 * Javalin (Jetty 12). A way in beside {@link dev.authdoctor.cli}: it uses {@link dev.authdoctor.api} and nothing
 * below it. Its types are internal and may change in any release; the HTTP API, described at
 * {@code /openapi.json}, is the contract.
 */
package dev.authdoctor.serve;
