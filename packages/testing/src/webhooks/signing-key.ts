import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** The fake's SNS signing identity: an RSA key and a self-signed X.509 certificate for it. */
export interface SigningKey {
  privateKey: KeyObject;
  certificatePem: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';

let cached: SigningKey | undefined;

/**
 * The key and certificate the fake signs with, generated once per process (an RSA-2048 key
 * takes tens of milliseconds; every fake in a test run shares one).
 *
 * node:crypto can make keys but not certificates, so the certificate is assembled with
 * `@peculiar/asn1-x509` (the ASN.1 schemas under `@peculiar/x509`, which itself needs a
 * global `reflect-metadata` polyfill we do not want to install into users' test processes).
 * The certificate is valid from 2020 to 2120 so a manual clock anywhere near today is inside it.
 */
export function signingKey(): SigningKey {
  cached ??= generate();
  return cached;
}

function generate(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null });
  const name = new Name([
    rdn(COMMON_NAME, 'sns.amazonaws.com'),
    rdn(ORGANIZATION, 'mintkit fake (NOT Amazon; test use only)'),
  ]);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array([0x01, 0x6d, 0x69, 0x6e, 0x74]).buffer,
    signature: algorithm,
    issuer: name,
    subject: name,
    validity: new Validity({
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2120-01-01T00:00:00Z'),
    }),
    subjectPublicKeyInfo: AsnConvert.parse(
      publicKey.export({ type: 'spki', format: 'der' }),
      SubjectPublicKeyInfo,
    ),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), privateKey);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: new Uint8Array(signature).buffer,
  });
  const der = Buffer.from(AsnConvert.serialize(certificate)).toString('base64');
  const body = der.match(/.{1,64}/g)?.join('\n') ?? der;
  return { privateKey, certificatePem: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n` };
}

function rdn(type: string, value: string): RelativeDistinguishedName {
  return new RelativeDistinguishedName([
    new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) }),
  ]);
}
