package dev.authdoctor.incident;


import java.util.List;

/** One record read from input: an incident, or the reasons it is not one. */
public sealed interface ReadResult {

    /** The record is a valid incident. */
    record Accepted(Incident incident) implements ReadResult {
    }

    /**
     * The record is not a valid incident. {@code incidentId} is its id when one could be read, else null;
     * each error names the field it is about, e.g. {@code user.state: "ENABLED" is not one of ACTIVE, INACTIVE}.
     */
    record Rejected(String incidentId, List<String> errors) implements ReadResult {
        /**
         * Copies the list, so a rejection never changes.
         *
         * @param incidentId the record's incident id when one could be read, else null
         * @param errors     why it is not a valid incident, each naming its field
         */
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
