package io.costsentry.operator.webhook.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the webhook's self-signed CA and serving certificate (ECDSA P-256). The CA's key is used
 * once and dropped: the next rotation makes a new CA, so no signing key is ever stored. The new
 * bundle keeps the previous CA while it is valid, so replicas still serving the old certificate
 * stay trusted until they reload.
 */
public final class CertificateIssuer {
  /** Clocks of the API server and of the operator may differ a little. */
  static final Duration BACKDATE = Duration.ofMinutes(5);

  private final SecureRandom random = new SecureRandom();

  public WebhookCertificate issue(
      List<String> dnsNames, Instant now, Duration validity, List<X509Certificate> previousCas) {
    try {
      KeyPair caKeys = keyPair();
      KeyPair leafKeys = keyPair();
      Date from = Date.from(now.minus(BACKDATE));
      Date to = Date.from(now.plus(validity));
      X500Name caName = new X500Name("CN=costsentry-webhook-ca-" + now.getEpochSecond());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName, caKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys);

      GeneralNames sans =
          new GeneralNames(
              dnsNames.stream()
                  .map(n -> new GeneralName(GeneralName.dNSName, n))
                  .toArray(GeneralName[]::new));
      X509v3CertificateBuilder leaf =
          new JcaX509v3CertificateBuilder(
                  caCert,
                  serial(),
                  from,
                  to,
                  new X500Name("CN=" + dnsNames.get(0)),
                  leafKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, sans)
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCert));
      X509Certificate leafCert = sign(leaf, caKeys);

      List<Object> bundle = new ArrayList<>();
      bundle.add(caCert);
      previousCas.stream()
          .filter(c -> c.getNotAfter().toInstant().isAfter(now))
          .forEach(bundle::add);
      return new WebhookCertificate(
          Pem.encode(leafCert), Pem.encodeKey(leafKeys.getPrivate()), Pem.encode(bundle.toArray()));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot issue the webhook certificate", e);
    }
  }

  private KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"), random);
    return gen.generateKeyPair();
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
