/**
 * A small browser for the API tests: fetch with manual redirects and a cookie jar per host, that
 * can fill in and submit the HTML forms of the test identity providers (their login pages, the
 * auto-submitting SAML POST form). It shows every hop, so a test can stop at any of them.
 */
export interface Hop {
  url: string;
  status: number;
  location: string | null;
  body: string;
  setCookies: string[];
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** One request; cookies of the URL's host are sent and stored. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookies = this.jar.get(target.host);
    if (cookies?.size) headers['cookie'] = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const jar = this.jar.get(target.host) ?? new Map<string, string>();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
      this.jar.set(target.host, jar);
    }
    const location = response.headers.get('location');
    return { url: target.toString(), status: response.status, location: location ? new URL(location, target).toString() : null, body: await response.text(), setCookies };
  }

  /** Follows redirects until a page answers (or `stop` says to stop at a hop). */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}, stop?: (hop: Hop) => boolean): Promise<Hop> {
    let hop = await this.request(url, init);
    for (let i = 0; i < 15 && hop.location && !stop?.(hop); i++) hop = await this.request(hop.location);
    return hop;
  }

  /** Submits a form of the page, with some fields changed. */
  submit(page: Hop, form: HtmlForm, changes: Record<string, string> = {}, stop?: (hop: Hop) => boolean): Promise<Hop> {
    return this.follow(new URL(form.action || page.url, page.url).toString(), { method: form.method, form: { ...form.fields, ...changes } }, stop);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }
}

/** The forms of an HTML page: action, method and the named inputs with their values. */
export function formsOf(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = match[1];
    const fields: Record<string, string> = {};
    for (const input of match[2].matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1], 'name');
      if (name) fields[name] = attr(input[1], 'value') ?? '';
    }
    forms.push({ action: decode(attr(attrs, 'action') ?? ''), method: (attr(attrs, 'method') ?? 'get').toUpperCase(), fields });
  }
  return forms;
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  return decode(match[2] ?? match[3] ?? match[4] ?? '');
}

function decode(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
