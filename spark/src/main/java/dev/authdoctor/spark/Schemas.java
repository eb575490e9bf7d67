package dev.authdoctor.spark;

import dev.authdoctor.api.Diagnosis;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** The columns the readers and {@link AuthDoctorSpark#diagnose} produce. */
public final class Schemas {

    private Schemas() {
    }

    private static StructField f(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType, true);

    /**
     * Records as read from text inputs, before diagnosis: where each starts ({@code file}, {@code line} from 1),
     * the incident as contract JSON, or the {@code errors} that make it none (each starting {@code line N:}), and
     * its text for a reject ({@code raw}; null when it is {@code incident}).
     */
    public static final StructType RECORDS = DataTypes.createStructType(new StructField[]{
            f("file", DataTypes.StringType), f("line", DataTypes.LongType), f("raw", DataTypes.StringType),
            f("incident", DataTypes.StringType), f("incidentId", DataTypes.StringType), f("errors", STRINGS)});

    public static final StructType TEXT_EVIDENCE = DataTypes.createStructType(new StructField[]{
            f("confidence", DataTypes.DoubleType), f("field", DataTypes.StringType), f("matchedTerms", STRINGS),
            f("language", DataTypes.StringType)});

    public static final StructType PROBLEM = DataTypes.createStructType(new StructField[]{
            f("id", DataTypes.StringType), f("title", DataTypes.StringType), f("causes", STRINGS), f("rules", STRINGS),
            f("text", TEXT_EVIDENCE)});

    public static final StructType STEP = DataTypes.createStructType(new StructField[]{
            f("order", DataTypes.IntegerType), f("id", DataTypes.StringType), f("actor", DataTypes.StringType),
            f("text", DataTypes.StringType), f("problemId", DataTypes.StringType)});

    public static final StructType ESCALATION = DataTypes.createStructType(new StructField[]{
            f("contact", DataTypes.StringType), f("condition", DataTypes.StringType), f("now", DataTypes.BooleanType),
            f("reason", DataTypes.StringType)});

    /** A diagnosis as typed columns: what the SQL function returns. */
    public static final StructType DIAGNOSIS = DataTypes.createStructType(new StructField[]{
            f("incidentId", DataTypes.StringType), f("outcome", DataTypes.StringType),
            f("problems", DataTypes.createArrayType(PROBLEM, true)), f("steps", DataTypes.createArrayType(STEP, true)),
            f("escalation", ESCALATION), f("rulePacks", STRINGS), f("errors", STRINGS)});

    /**
     * Every record's result, diagnosis or reject, in input order. {@code json} is the diagnosis line batch writes;
     * {@code unrecognised} the error message of a NO_MATCH, masked and grouped as batch's summary counts it;
     * {@code rejectJson} the reject line batch writes; {@code csv} the diagnoses.csv row batch writes (for CSV inputs).
     * The job's own pass also closes each partition with one row per file it read, all else null: {@code counted}
     * records read from {@code file}, {@code linesHash} the {@link #lineHash} sum of their lines (the diagnoses and
     * rejects written must give both back).
     */
    public static final StructType RESULTS = DataTypes.createStructType(new StructField[]{
            f("file", DataTypes.StringType), f("line", DataTypes.LongType), f("incidentId", DataTypes.StringType),
            f("outcome", DataTypes.StringType), f("problems", DataTypes.createArrayType(PROBLEM, true)),
            f("steps", DataTypes.createArrayType(STEP, true)), f("escalation", ESCALATION), f("rulePacks", STRINGS),
            f("unrecognised", DataTypes.StringType), f("json", DataTypes.StringType),
            f("reason", DataTypes.StringType), f("errors", STRINGS), f("raw", DataTypes.StringType),
            f("rawLength", DataTypes.LongType), f("rejectJson", DataTypes.StringType), f("csv", DataTypes.StringType),
            f("counted", DataTypes.LongType), f("linesHash", DataTypes.LongType)});

    /**
     * A line number, mixed (SplitMix64's finaliser): the sum of these over a file's records (wrapping) is the same
     * for the same lines in any order, and differs, but for a 2^-64 chance, when one is missing or there twice.
     */
    static long lineHash(long line) {
        long z = line + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The columns of {@link AuthDoctorSpark.Diagnoses#diagnoses()}. */
    static final String[] DIAGNOSIS_COLUMNS = {"file", "line", "incidentId", "outcome", "problems", "steps", "escalation",
            "rulePacks", "unrecognised"};
    /** The columns of {@link AuthDoctorSpark.Diagnoses#rejects()}, as in batch's rejects.jsonl. */
    static final String[] REJECT_COLUMNS = {"file", "line", "incidentId", "reason", "errors", "raw", "rawLength"};

    /** A list as Spark's row encoder takes an array column: a Scala sequence. */
    static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return list == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    static scala.collection.immutable.Seq<Row> problems(Diagnosis d) {
        return seq(d.problems().stream().map(p -> RowFactory.create(p.id(), p.title(), seq(p.causes()), seq(p.rules()),
                p.text() == null ? null : RowFactory.create(p.text().confidence(), p.text().field(), seq(p.text().matchedTerms()),
                        p.text().language()))).toList());
    }

    static scala.collection.immutable.Seq<Row> steps(Diagnosis d) {
        return seq(d.steps().stream().map(s -> RowFactory.create(s.order(), s.id(), s.actor() == null ? null : s.actor().name(),
                s.text(), s.problemId())).toList());
    }

    static Row escalation(Diagnosis d) {
        Diagnosis.Escalation e = d.escalation();
        return e == null ? null : RowFactory.create(e.contact(), e.condition() == null ? null : e.condition().name(), e.now(), e.reason());
    }

    /** A diagnosis as the SQL function's struct. */
    static Row diagnosis(Diagnosis d) {
        return RowFactory.create(d.incidentId(), d.outcome().name(), problems(d), steps(d), escalation(d), seq(d.rulePacks()),
                seq(d.errors()));
    }
}
