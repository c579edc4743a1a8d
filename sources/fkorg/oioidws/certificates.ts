// The municipality's certificate and key (FOCES/OCES3, delivered as a password-protected PKCS#12 file or
// as PEM certificate + key), and the public certificates of the STS and the service. [OS2SYNC]
// StubUtil.CreateChannel loads exactly these: ClientCertificate (keystore + password), StsCertificate,
// ServiceCertificate. PKCS#12 is read with node-forge; node:crypto checks that key and certificate belong together.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

export interface ClientIdentity {
  cert: X509Certificate;
  key: KeyObject;
}

/** A certificate or key could not be used; `variable` names the setting it came from. */
export class CertificateError extends Error {
  constructor(
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}: ${message}`, options);
  }
}

function isPem(data: Buffer): boolean {
  return data.subarray(0, 4096).toString('latin1').includes('-----BEGIN ');
}

/** A public certificate from PEM or DER bytes (.pem, .crt, .cer). */
export function readCertificate(data: Buffer, variable: string): X509Certificate {
  try {
    return new X509Certificate(data);
  } catch (err) {
    throw new CertificateError(variable, `not an X.509 certificate (PEM or DER): ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The client identity from a PKCS#12 file (`password` may be empty) or from a PEM certificate plus a
 * PEM key. `certVariable`/`keyVariable`/`passwordVariable` name the settings in errors.
 */
export function readClientIdentity(
  certData: Buffer,
  keyData: Buffer | undefined,
  password: string | undefined,
  names: { cert: string; key: string; password: string },
): ClientIdentity {
  let certPem: string;
  let key: KeyObject;
  if (isPem(certData)) {
    if (!keyData) throw new CertificateError(names.key, `must be set when ${names.cert} is a PEM certificate (a .p12/.pfx file holds its own key)`);
    certPem = certData.toString('utf8');
    try {
      key = createPrivateKey({ key: keyData, format: 'pem', passphrase: password });
    } catch (err) {
      throw new CertificateError(names.key, `not a readable PEM private key${password ? ' with the given password' : ''}: ${(err as Error).message}`, { cause: err });
    }
  } else {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      const asn1 = forge.asn1.fromDer(forge.util.createBuffer(certData.toString('binary')));
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? '');
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (/mac|password|decrypt/i.test(message)) throw new CertificateError(names.password, `wrong password for ${names.cert} (${message})`, { cause: err });
      throw new CertificateError(names.cert, `neither a PEM certificate nor a readable PKCS#12 (.p12/.pfx) file: ${message}`, { cause: err });
    }
    const keyBags = [
      ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
      ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
    ];
    const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    const forgeKey = keyBags.find((b) => b.key)?.key;
    if (!forgeKey) throw new CertificateError(names.cert, 'the PKCS#12 file holds no private key');
    key = createPrivateKey(forge.pki.privateKeyToPem(forgeKey));
    // The file may carry the CA chain too: the client certificate is the one whose key is in the file.
    const candidates = certBags.flatMap((b) => (b.cert ? [new X509Certificate(forge.pki.certificateToPem(b.cert))] : []));
    const own = candidates.find((c) => c.checkPrivateKey(key));
    if (!own) throw new CertificateError(names.cert, 'the PKCS#12 file holds no certificate for its private key');
    certPem = own.toString();
  }
  const cert = readCertificate(Buffer.from(certPem), names.cert);
  if (!cert.checkPrivateKey(key)) throw new CertificateError(names.key, `the private key does not belong to the certificate in ${names.cert}`);
  return { cert, key };
}
