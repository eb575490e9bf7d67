package dev.authdoctor.serve;

import dev.authdoctor.api.Diagnosis;

/** What the API tells the service's observers (metrics): one call per event, cheap, never throwing. */
interface ServiceEvents {

    /** A diagnosis was made and answered (a single one, a JSON Lines line, an explanation or a consultation's). */
    void diagnosed(Diagnosis d);

    /** A record was refused as not a valid incident (a body, or one line of a JSON Lines batch). */
    void rejected();

    /** A consultation request: {@code start}, {@code answer}, {@code unknown} or {@code diagnosis}. */
    void consultation(String action);

    ServiceEvents NONE = new ServiceEvents() {
        @Override
        public void diagnosed(Diagnosis d) {
        }

        @Override
        public void rejected() {
        }

        @Override
        public void consultation(String action) {
        }
    };
}
