package dev.authdoctor;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void prints() {
        for (String s : new String[]{
                "{\"id\":\"a\",\"symptom\":\"TOKEN_NOT_WORKING\"}",
                "{\"id\":\"b\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true,\"state\":\"INACTIVE\"},\"device\":{\"clockSkewSeconds\":400}}",
                "{\"id\":\"c\",\"error\":{\"message\":\"Error: the soft token could not be activated because the activation code has expired\"},\"remediationAttempts\":2}",
                "{\"id\":\"d\",\"symptom\":\"TOKEN_ACTIVATION_FAILED\"}",
                "{\"id\":\"e\",\"symptom\":\"ACTIVATION_EMAIL_NOT_RECEIVED\",\"activationEmail\":{\"inSpamFolder\":true}}",
                "{\"id\":\"f\",\"user\":{\"role\":\"ADMINISTRATOR\"},\"authenticators\":[]}"}) {
            System.out.println(Doctor.JSON.toLine(Doctor.diagnose(s)));
        }
    }
}
