import { TestBed } from '@angular/core/testing';
import { parseInline, parseMarkdown, safeHref } from './markdown';
import { MarkdownView } from './markdown-view';

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
    TestBed.configureTestingModule({ imports: [MarkdownView] });
    const fixture = TestBed.createComponent(MarkdownView);
    fixture.componentRef.setInput('source', '<img src=x onerror=alert(1)> **bold** [site](https://example.org)\n\n- one\n- two');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('p')?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('p')?.textContent).toContain('> bold site (opens in a new tab)');
    const link = el.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(el.querySelectorAll('li').length).toBe(2);
  });
});
