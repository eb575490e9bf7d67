package dev.authdoctor.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lucene analysis of ticket text: folding, stop words and stems per language, synonyms, negations. */
class TextAnalyzerTest {

    private static final String SYNONYMS = """
            # a comment
            ga, google authenticator, google auth
            password, pwd, mot de passe, kennwort, contrasena
            idp, identity provider, fournisseur d'identite
            neg, not, never, didn't, nicht, pas, no
            """;
    private final TextAnalyzer analyzer = new TextAnalyzer(SYNONYMS);

    private List<String> stems(String text, Language language) {
        return analyzer.words(text, language).stream().map(TextAnalyzer.Word::stem).toList();
    }

    private List<String> surfaces(String text, Language language) {
        return analyzer.words(text, language).stream().map(TextAnalyzer.Word::surface).toList();
    }

    @Test
    void accentsAndCaseAreFolded() {
        assertThat(surfaces("Identität ÉCHEC contraseña", Language.DE)).containsExactly("identitat", "echec", "password");
        assertThat(stems("Réponse", Language.FR)).isEqualTo(stems("reponse", Language.FR));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" and \"{2}\" share a stem")
    @CsvSource({
            "EN, activated, activation",
            "EN, expired, expires",
            "FR, jetons, jeton",
            "FR, activée, activé",
            "DE, Karten, Karte",
            "DE, gesperrte, gesperrt",
            "ES, autenticadores, autenticador",
            "ES, bloqueada, bloqueadas"})
    void inflectionsShareAStemInEachLanguage(Language language, String a, String b) {
        assertThat(stems(a, language)).isEqualTo(stems(b, language)).hasSize(1);
    }

    @Test
    void stopWordsOfTheLanguageAreDropped() {
        assertThat(surfaces("the code of the token", Language.EN)).containsExactly("code", "token");
        assertThat(surfaces("le code de la clé", Language.FR)).containsExactly("code", "cle");
        assertThat(surfaces("der Code für den Schlüssel", Language.DE)).containsExactly("code", "schlussel");
        assertThat(surfaces("el código de la clave", Language.ES)).containsExactly("codigo", "clave");
    }

    @Test
    void synonymsMakeOneWordOfEveryWayOfSayingIt() {
        assertThat(surfaces("GA", Language.EN)).containsExactly("ga");
        assertThat(surfaces("Google Authenticator", Language.EN)).containsExactly("ga");
        assertThat(surfaces("mon mot de passe", Language.FR)).containsExactly("password");
        assertThat(surfaces("votre fournisseur d'identité", Language.FR)).containsExactly("idp");
        assertThat(surfaces("your pwd", Language.EN)).containsExactly("password");
    }

    @Test
    void aNegationBindsToTheWordItNegates() {
        assertThat(surfaces("I never received the email", Language.EN)).containsExactly("neg+received", "email");
        assertThat(surfaces("wird nicht mehr akzeptiert", Language.DE)).containsExactly("neg+akzeptiert");
        assertThat(surfaces("I received the email", Language.EN)).containsExactly("received", "email");
    }

    @Test
    void aNegatedPassiveNegatesTheParticipleNotTheAuxiliary() {
        assertThat(surfaces("codes never get accepted", Language.EN)).contains("neg+accepted").doesNotContain("neg+get", "accepted");
        // "get" is a main verb here: what is negated is getting it, not the e-mail
        assertThat(surfaces("I don't get the email", Language.EN)).containsExactly("neg+get", "email");
    }

    @Test
    void withoutSynonymsWordsStayAsWritten() {
        assertThat(analyzer.words("Google Authenticator", Language.EN, false)).extracting(TextAnalyzer.Word::surface)
                .containsExactly("google", "authenticator");
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            "The activation code has expired and I cannot log in|EN",
            "Le code d'activation a expiré, je ne peux pas me connecter|FR",
            "Der Aktivierungscode ist abgelaufen und ich kann mich nicht anmelden|DE",
            "El código de activación ha caducado y no puedo iniciar sesión|ES",
            "GA|EN"})
    void theLanguageIsTheOneWhoseStopWordsTheTextUses(String text, Language language) {
        assertThat(analyzer.detect(text)).isEqualTo(language);
    }

    @Test
    void aSynonymRuleThatCannotBeReadNamesItsLine() {
        assertThatThrownBy(() -> new TextAnalyzer("ga, google authenticator\nfoo => bar => baz\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2");
    }
}
