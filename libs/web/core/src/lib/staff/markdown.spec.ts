import { markdownToHtml } from './markdown';

describe('markdownToHtml', () => {
  it('renders paragraphs, lists, headings and emphasis', () => {
    const html = markdownToHtml('# Before\nFind **one person** in your *chosen field*.\n\n- Ask about `culture`\n- Ask about trends\n\n1. Thank them\n2. Follow up', { topHeading: 4 });
    expect(html).toBe(
      [
        '<h4>Before</h4>',
        '<p>Find <strong>one person</strong> in your <em>chosen field</em>.</p>',
        '<ul><li>Ask about <code>culture</code></li><li>Ask about trends</li></ul>',
        '<ol><li>Thank them</li><li>Follow up</li></ol>',
      ].join('\n'),
    );
  });

  it('links http(s) URLs and escapes everything else', () => {
    expect(markdownToHtml('See [Idealist](https://www.idealist.org) or https://www.devex.com.')).toBe(
      '<p>See <a href="https://www.idealist.org" rel="noopener noreferrer">Idealist</a> or <a href="https://www.devex.com" rel="noopener noreferrer">https://www.devex.com</a>.</p>',
    );
    expect(markdownToHtml('<script>alert(1)</script> [x](javascript:alert(1))')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>',
    );
    expect(markdownToHtml('')).toBe('');
  });
});
