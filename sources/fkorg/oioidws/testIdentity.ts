// Self-signed certificates and keys made on the fly for the simulators and tests, so no private key is
// ever committed. The key pair comes from node:crypto (fast); node-forge writes and signs the X.509
// certificate and, when asked, packs key and certificate into a password-protected PKCS#12 file the way
// a municipality receives its FOCES/OCES3 certificate.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface TestIdentity {
  /** PEM certificate. */
  certPem: string;
  /** PEM PKCS#8 private key. */
  keyPem: string;
  cert: X509Certificate;
}

let serial = 1;

/** A self-signed RSA-2048 certificate valid from a day ago for `days` days, with `commonName` as subject and issuer. */
export function makeTestIdentity(commonName: string, days = 365): TestIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pub);
  cert.serialNumber = (Date.now() * 1000 + serial++).toString(16);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  const attrs = [{ name: 'commonName', value: commonName }, { name: 'countryName', value: 'DK' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem, cert: new X509Certificate(certPem) };
}

/** The identity as a PKCS#12 (.p12/.pfx) file protected by `password`. */
export function toPkcs12(identity: TestIdentity, password: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(identity.keyPem), [forge.pki.certificateFromPem(identity.certPem)], password, {
    algorithm: '3des',
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
