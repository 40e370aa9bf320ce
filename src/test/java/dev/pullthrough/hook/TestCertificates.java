package dev.pullthrough.hook;

import dev.pullthrough.testing.process.ProcessRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed certificates for 127.0.0.1 made by the running JDK's keytool, and TLS contexts on either side. */
final class TestCertificates {
    static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A self-signed EC certificate for IP 127.0.0.1 only (no DNS name), in a new PKCS12 file under {@code dir}. */
    static KeyStore keyPair(Path dir, String file) throws Exception {
        Path store = dir.resolve(file);
        ProcessRunner.inheritingEnvironment().run(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + file.replace(".p12", ""),
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)).requireSuccess();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        return keyStore;
    }

    /** A server context presenting {@code keys}. */
    static SSLContext serverContext(KeyStore keys) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting only {@code trusted}'s certificate. */
    static SSLContext clientTrusting(KeyStore trusted) throws Exception {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
