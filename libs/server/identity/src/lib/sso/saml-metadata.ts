import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import type { SsoCertificate } from '@fieldwork/contracts';

/** What Fieldwork needs from an IdP's SAML metadata. */
export interface IdpMetadata {
  entityId: string;
  /** The HTTP-Redirect (or else HTTP-POST) SingleSignOnService location. */
  ssoUrl: string;
  /** Signing certificates (base64 DER, no PEM armour): several during a rollover. */
  certificates: string[];
}

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** Reads an IdP's metadata; throws an Error with a plain message naming what is missing. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  let doc: Document;
  const problems: string[] = [];
  try {
    const report = (message: string) => void problems.push(String(message));
    doc = new DOMParser({ errorHandler: { warning: () => undefined, error: report, fatalError: report } }).parseFromString(
      xml,
      'text/xml',
    ) as unknown as Document;
  } catch {
    throw new Error('The metadata is not XML');
  }
  if (problems.length || !doc?.documentElement) throw new Error('The metadata is not well-formed XML');
  if (xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY')) throw new Error('The metadata may not contain a DOCTYPE');
  const select = xpath.select as (expression: string, node: Node) => Node[];
  const descriptors = select("//*[local-name()='EntityDescriptor'][*[local-name()='IDPSSODescriptor']]", doc);
  const descriptor = descriptors[0] as Element | undefined;
  if (!descriptor) throw new Error('The metadata has no IdP (IDPSSODescriptor)');
  if (descriptors.length > 1) throw new Error('The metadata describes several IdPs: paste the one of your campus');
  const entityId = descriptor.getAttribute('entityID');
  if (!entityId) throw new Error('The metadata has no entityID');
  const services = select(".//*[local-name()='IDPSSODescriptor']/*[local-name()='SingleSignOnService']", descriptor) as Element[];
  const service = services.find((s) => s.getAttribute('Binding') === REDIRECT) ?? services[0];
  const ssoUrl = service?.getAttribute('Location');
  if (!ssoUrl || !/^https?:\/\//.test(ssoUrl)) throw new Error('The metadata has no SingleSignOnService location');
  const keys = select(".//*[local-name()='IDPSSODescriptor']/*[local-name()='KeyDescriptor']", descriptor) as Element[];
  const certificates = keys
    .filter((key) => !key.getAttribute('use') || key.getAttribute('use') === 'signing')
    .flatMap((key) => select(".//*[local-name()='X509Certificate']", key).map((node) => (node.textContent ?? '').replace(/\s+/g, '')))
    .filter((cert, index, all) => cert && all.indexOf(cert) === index);
  if (!certificates.length) throw new Error('The metadata has no signing certificate');
  for (const cert of certificates) {
    if (!describeCertificate(cert)) throw new Error('A signing certificate in the metadata cannot be read');
  }
  return { entityId, ssoUrl, certificates };
}

/** Subject, expiry and fingerprint of a base64 DER certificate; null when it is not one. */
export function describeCertificate(base64: string): SsoCertificate | null {
  try {
    const cert = new X509Certificate(Buffer.from(base64, 'base64'));
    return { subject: cert.subject.replace(/\n/g, ', '), notAfter: new Date(cert.validTo).toISOString(), fingerprint: cert.fingerprint256 };
  } catch {
    return null;
  }
}

export function toPem(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

/** The Response's Destination and the bearer SubjectConfirmationData's Recipient, after node-saml validated the signature. */
export function responseTargets(samlResponse: string): { destination: string | null; recipients: string[] } {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  const select = xpath.select as (expression: string, node: Node) => Node[];
  const root = doc.documentElement;
  const recipients = select(
    "/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='Subject']/*[local-name()='SubjectConfirmation']/*[local-name()='SubjectConfirmationData']/@Recipient",
    doc,
  ).map((node) => (node as Attr).value);
  return { destination: root?.getAttribute('Destination') || null, recipients };
}

/** Whether the decoded response carries any XML signature at all. */
export function isSigned(samlResponse: string): boolean {
  return /<(\w+:)?Signature[\s>]/.test(Buffer.from(samlResponse, 'base64').toString('utf8'));
}
