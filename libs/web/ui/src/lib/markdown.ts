/**
 * A small, safe Markdown subset for homework instructions (the template editor's preview and the
 * student's task page render the same way): paragraphs, headings, bullet and numbered lists,
 * **bold**, *italic* / _italic_, `code`, [links](https://…) and bare https:// links. It returns a
 * tree that `<fw-markdown>` renders with interpolation only, so nothing in the text can become HTML.
 */

export type MdInline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: MdInline[] }
  | { kind: 'em'; children: MdInline[] }
  | { kind: 'link'; href: string; children: MdInline[] };

export type MdBlock =
  | { kind: 'p'; inlines: MdInline[] }
  /** `level` is the number of `#` (1 to 6); the view shifts it under the page's own headings. */
  | { kind: 'heading'; level: number; inlines: MdInline[] }
  | { kind: 'ul' | 'ol'; items: MdInline[][] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

export function parseMarkdown(source: string | null | undefined): MdBlock[] {
  const blocks: MdBlock[] = [];
  const lines = (source ?? '').replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const open: { list: { kind: 'ul' | 'ol'; items: string[] } | null } = { list: null };

  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'p', inlines: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = () => {
    const list = open.list;
    if (list) blocks.push({ kind: list.kind, items: list.items.map((item) => parseInline(item)) });
    open.list = null;
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (heading) {
      endParagraph();
      endList();
      blocks.push({ kind: 'heading', level: heading[1].length, inlines: parseInline(heading[2]) });
    } else if (bullet || numbered) {
      endParagraph();
      const kind = bullet ? 'ul' : 'ol';
      const text = (bullet ?? numbered)?.[1] ?? '';
      if (open.list?.kind !== kind) {
        endList();
        open.list = { kind, items: [] };
      }
      open.list.items.push(text.trim());
    } else if (open.list && /^\s{2,}\S/.test(raw)) {
      // An indented line continues the current list item.
      const items = open.list.items;
      items[items.length - 1] += ` ${line.trim()}`;
    } else {
      endList();
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  endList();
  return blocks;
}

// The earliest of: `code`, [text](url), **bold**, __bold__, *em*, _em_, a bare http(s) URL.
const INLINE =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)|\*\*(?=\S)([\s\S]+?)\*\*|__(?=\S)([\s\S]+?)__|\*(?=[^\s*])([^*]+?)\*|(?<![\w])_(?=\S)([^_]+?)_(?![\w])|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/;

export function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      pushText(out, rest);
      break;
    }
    if (m.index > 0) pushText(out, rest.slice(0, m.index));
    const [whole, code, linkText, linkUrl, bold1, bold2, em1, em2, bare] = m;
    if (code !== undefined) {
      out.push({ kind: 'code', text: code });
    } else if (linkText !== undefined && linkUrl !== undefined) {
      const href = safeHref(linkUrl);
      if (href) out.push({ kind: 'link', href, children: parseInline(linkText) });
      else pushText(out, linkText);
    } else if (bold1 !== undefined || bold2 !== undefined) {
      out.push({ kind: 'strong', children: parseInline(bold1 ?? bold2 ?? '') });
    } else if (em1 !== undefined || em2 !== undefined) {
      out.push({ kind: 'em', children: parseInline(em1 ?? em2 ?? '') });
    } else if (bare !== undefined) {
      out.push({ kind: 'link', href: bare, children: [{ kind: 'text', text: bare }] });
    } else {
      pushText(out, whole);
    }
    rest = rest.slice(m.index + whole.length);
  }
  return out;
}

/** Only web and mail links; `www.` gets https. Anything else (javascript:, data:, relative) is refused. */
export function safeHref(url: string): string | null {
  const u = url.trim();
  if (/^https?:\/\/[^\s]+$/i.test(u) || /^mailto:[^\s]+$/i.test(u)) return u;
  if (/^www\.[^\s]+$/i.test(u)) return `https://${u}`;
  return null;
}

function pushText(out: MdInline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}
