package dev.authdoctor.spark;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's file readers take every path as a glob pattern: a folder named {@code out[1]} or {@code {a,b}} would match
 * other folders, or nothing, and escaping the characters does not survive Spark's later listing. Paths the job found
 * or made itself are read as named, with the option Spark's own file streams use to turn globbing off.
 */
final class Globs {

    /** DataSource.GLOB_PATHS_KEY in Spark 4 (spark-sql's FileStreamSource sets it for the files it lists). */
    static final String GLOB_PATHS = "__globPaths__";

    private Globs() {
    }

    /** A reader that takes paths as they are named. */
    static DataFrameReader literal(SparkSession spark) {
        return spark.read().option(GLOB_PATHS, "false");
    }
}
