package dev.authdoctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small rule packs written to a folder, for tests of pack loading, checks, scenarios and reloads. */
public final class TestPacks {

    private TestPacks() {
    }

    /** A pack with one problem of its own, recognised from a message, whose steps say which version wrote them. */
    public static Path write(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("pack.properties"), """
                name=test-pack
                version=%s
                problem.test-widget-jammed.title=The widget is jammed
                """.formatted(version));
        Files.writeString(dir.resolve("widget.drl"), """
                package test.rules;

                import dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*; import dev.authdoctor.api.Actor;

                rule "The widget message means the widget is jammed"
                    @id("widget-message") @row("test") @problem("test-widget-jammed")
                when
                    ErrorText( resembles("The widget is jammed.") )
                then
                    insert(new ProblemFound("test-widget-jammed", Evidence.MESSAGE));
                end

                rule "A jammed widget is unjammed"
                    @id("widget-solution") @row("test") @problem("test-widget-jammed")
                when
                    $need : SolutionNeeded( solutionId == "test-widget-jammed" )
                then
                    insert($need.step("unjam", 10, Actor.USER, "Unjam the widget (version %s)."));
                end
                """.formatted(version));
        return dir;
    }

    /** Replaces a file of the pack. */
    public static void put(Path pack, String file, String text) throws IOException {
        Files.writeString(pack.resolve(file), text);
    }
}
