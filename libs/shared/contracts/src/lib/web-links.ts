/** The longest web address the API keeps (a link answer or evidence, a contact's profile link). */
export const URL_MAX_LENGTH = 2_000;

/**
 * True for an absolute web address a person can open: http:// or https:// with a host.
 * One rule for the API and the web app (reflection links, evidence, contacts), so a
 * link the form lets through is one the API takes. Surrounding spaces are ignored,
 * as the URL parser does.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
