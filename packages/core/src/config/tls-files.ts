import crypto from 'node:crypto';
import fs from 'node:fs';

export type TlsProblem = { setting: 'TLS_CERT_FILE' | 'TLS_KEY_FILE'; message: string };

function read(file: string, setting: TlsProblem['setting']): Buffer | TlsProblem {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      setting,
      message:
        code === 'ENOENT'
          ? `names a file that does not exist: ${file}`
          : `names a file that cannot be read (${code}): ${file}`,
    };
  }
}

/**
 * Checks the TLS certificate and key before anything starts: both readable, a PEM certificate, an
 * unencrypted PEM private key, and a key that belongs to the certificate. Without this the server
 * fails after opening the database with a bare OpenSSL message that names neither file.
 */
export function checkTlsFiles(certFile: string, keyFile: string): TlsProblem | undefined {
  const certPem = read(certFile, 'TLS_CERT_FILE');
  if (!Buffer.isBuffer(certPem)) return certPem;
  const keyPem = read(keyFile, 'TLS_KEY_FILE');
  if (!Buffer.isBuffer(keyPem)) return keyPem;
  let certificate: crypto.X509Certificate;
  try {
    certificate = new crypto.X509Certificate(certPem);
  } catch {
    return { setting: 'TLS_CERT_FILE', message: `is not a PEM certificate: ${certFile}` };
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(keyPem);
  } catch {
    return {
      setting: 'TLS_KEY_FILE',
      message: `is not an unencrypted PEM private key: ${keyFile}`,
    };
  }
  if (!certificate.checkPrivateKey(key))
    return {
      setting: 'TLS_KEY_FILE',
      message: `does not belong to the certificate in TLS_CERT_FILE: ${keyFile}`,
    };
  return undefined;
}
