package dev.authdoctor.serve;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Mutual TLS: the server's key and certificate (a PKCS#12 or JKS keystore) and the certificates it trusts for
 * clients (a truststore). A client without a certificate signed by, or listed in, the truststore is refused during the
 * handshake, before any HTTP.
 *
 * @param keystore   the server's key and certificate chain
 * @param truststore the client certificates, or the authorities that sign them
 * @param password   the password of both stores
 */
public record TlsSettings(Path keystore, Path truststore, String password) {

    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(password, "password");
        for (Path p : new Path[]{keystore, truststore}) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException(p + ": no such keystore, or it cannot be read");
            }
        }
    }

    @Override
    public String toString() { // the password stays out of logs and messages
        return "TlsSettings[keystore=" + keystore + ", truststore=" + truststore + "]";
    }

    SslContextFactory.Server sslContextFactory() {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStorePassword(password);
        ssl.setTrustStorePath(truststore.toAbsolutePath().toString());
        ssl.setTrustStorePassword(password);
        ssl.setNeedClientAuth(true);
        return ssl;
    }
}
