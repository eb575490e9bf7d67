package dev.authdoctor.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The session's Hadoop configuration, shipped to executors so they open {@code s3a://}, {@code hdfs://} and local
 * paths with the same credentials providers and settings as the driver. (Configuration is Writable, not Serializable.)
 */
final class HadoopConf implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient Configuration conf;

    HadoopConf(Configuration conf) {
        this.conf = conf;
    }

    Configuration get() {
        return conf;
    }

    FileSystem fs(String path) {
        try {
            return fileSystem(new Path(path), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path, e);
        }
    }

    /**
     * The file system of {@code path}. Hadoop maps s3a:// to a class of hadoop-aws, which a local run does not have: it
     * then throws a bare RuntimeException; this says which scheme is missing and how to add it.
     */
    static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        try {
            return path.getFileSystem(conf);
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof ClassNotFoundException missing)) {
                throw e;
            }
            String scheme = path.toUri().getScheme();
            throw new IOException("this Spark has no " + scheme + ":// file system (" + missing.getMessage() + ")"
                    + (scheme != null && scheme.startsWith("s3") ? "; s3a:// needs hadoop-aws: run the job with spark-submit"
                    + " --packages org.apache.hadoop:hadoop-aws:3.4.1 (spark/README.md, s3a:// paths)" : ""), e);
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
