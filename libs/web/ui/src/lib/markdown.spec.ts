import { TestBed } from '@angular/core/testing';
import { parseInline, parseMarkdown, safeHref } from './markdown';
import { FwMarkdown } from './markdown-view';

describe('markdown subset', () => {
  it('parses paragraphs, lists, emphasis and links', () => {
    const blocks = parseMarkdown(
      'Find someone in your **chosen field**.\nAsk *why* they stayed.\n\n- Alumni on [LinkedIn](https://www.linkedin.com)\n- Idealist: www.idealist.org\n\n1. Ask\n2. Listen',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['p', 'ul', 'ol']);
    expect(blocks[0]).toEqual({
      kind: 'p',
      inlines: [
        { kind: 'text', text: 'Find someone in your ' },
        { kind: 'strong', children: [{ kind: 'text', text: 'chosen field' }] },
        { kind: 'text', text: '. Ask ' },
        { kind: 'em', children: [{ kind: 'text', text: 'why' }] },
        { kind: 'text', text: ' they stayed.' },
      ],
    });
    expect(parseInline('Read http://www.quintcareers.com/networking_guide.html.')).toEqual([
      { kind: 'text', text: 'Read ' },
      {
        kind: 'link',
        href: 'http://www.quintcareers.com/networking_guide.html',
        children: [{ kind: 'text', text: 'http://www.quintcareers.com/networking_guide.html' }],
      },
      { kind: 'text', text: '.' },
    ]);
  });

  it('refuses unsafe links and keeps snake_case words intact', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(parseInline('[click](javascript:alert(1))').some((n) => n.kind === 'link')).toBe(false);
    expect(parseInline('use snake_case_names here')).toEqual([{ kind: 'text', text: 'use snake_case_names here' }]);
  });

  it('renders text, never HTML', async () => {
    const el = await renderMarkdown('<img src=x onerror=alert(1)> **bold** [site](https://example.org)\n\n- one\n- two');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('p')?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('p')?.textContent).toContain('> bold site (opens in a new tab)');
    const link = el.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(el.querySelectorAll('li').length).toBe(2);
  });

  // The template editor's preview renders with the same view (it had an HTML renderer of its own).
  it('renders headings under the page, lists, emphasis and code', async () => {
    const el = await renderMarkdown(
      '# Before\nFind **one person** in your *chosen field*.\n\n- Ask about `culture`\n- Ask about trends\n\n1. Thank them\n2. Follow up',
      4,
    );
    expect(el.querySelector('h4')?.textContent).toBe('Before');
    expect(markup(el.querySelector('p'))).toBe('Find <strong>one person</strong> in your <em>chosen field</em>.');
    expect(markup(el.querySelector('ul'))).toBe('<li>Ask about <code>culture</code></li><li>Ask about trends</li>');
    expect([...el.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['Thank them', 'Follow up']);
  });

  it('links http(s) URLs and escapes everything else', async () => {
    const el = await renderMarkdown('See [Idealist](https://www.idealist.org) or https://www.devex.com.');
    expect([...el.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.getAttribute('rel')])).toEqual([
      ['https://www.idealist.org', 'noopener noreferrer'],
      ['https://www.devex.com', 'noopener noreferrer'],
    ]);
    const unsafe = await renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1))');
    expect(unsafe.querySelector('script')).toBeNull();
    expect(unsafe.querySelector('a')).toBeNull();
    expect(unsafe.querySelector('p')?.textContent).toContain('<script>alert(1)</script> x');
    expect((await renderMarkdown('')).children.length).toBe(0);
  });
});

async function renderMarkdown(source: string, topHeading?: number): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(FwMarkdown);
  fixture.componentRef.setInput('source', source);
  if (topHeading !== undefined) fixture.componentRef.setInput('topHeading', topHeading);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

/** The element's HTML without Angular's comment anchors. */
function markup(el: Element | null): string {
  return (el?.innerHTML ?? '').replace(/<!--[\s\S]*?-->/g, '');
}
