import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Submission, TaskDetail } from '@fieldwork/contracts';
import { reflectionFromDraft } from '@fieldwork/web-core';
import { setUpApiTest } from '../shared/testing';
import { ReflectionForm, fieldDomId } from './reflection-form';
import { taskDetailFixture } from './task-fixtures';

function task(extra: Partial<TaskDetail> = {}): TaskDetail {
  return taskDetailFixture({
    prompts: [
      { key: 'learned', label: 'What did you learn?', type: 'long_text', required: true, help: 'About the work and the culture.' },
      { key: 'channel', label: 'Channel', type: 'choice', required: true, options: ['In person', 'Video', 'Phone', 'Email'] },
      { key: 'fit', label: 'How well would you fit?', type: 'scale', required: false },
      { key: 'org', label: 'Organization', type: 'short_text', required: false },
    ],
    ...extra,
  });
}

describe('ReflectionForm', () => {
  let api: HttpTestingController;

  beforeEach(() => {
    api = setUpApiTest(ReflectionForm);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  async function render(t = task()) {
    const fixture = TestBed.createComponent(ReflectionForm);
    fixture.componentRef.setInput('task', t);
    fixture.componentRef.setInput('initial', reflectionFromDraft(t));
    await fixture.whenStable();
    api.expectOne((r) => r.url === '/api/contacts').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  function type(el: HTMLElement, selector: string, value: string) {
    const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    return input;
  }

  it('renders each prompt type with labels, help and radio groups', async () => {
    const { el } = await render();
    expect(el.querySelector('label[for=rf-learned]')?.textContent).toContain('(required)');
    expect(el.querySelector('#rf-learned')?.tagName).toBe('TEXTAREA');
    expect(el.querySelector('#rf-learned')?.getAttribute('aria-describedby')).toBe('rf-learned-help');
    const legends = [...el.querySelectorAll('fieldset legend')].map((l) => l.textContent?.trim());
    expect(legends[0]).toContain('Channel');
    expect(el.querySelectorAll('input[name=rf-channel]').length).toBe(4);
    expect(el.querySelectorAll('input[name=rf-fit]').length).toBe(5);
    expect(el.querySelector<HTMLInputElement>('#rf-org')?.type).toBe('text');
    expect(fieldDomId('answers.channel', task().prompts)).toBe('rf-channel-0');
    expect(fieldDomId('contactId', task().prompts)).toBe('rf-contact');
  });

  it('autosaves a second after typing stops, and on blur', async () => {
    const { fixture, el } = await render();
    jest.useFakeTimers();
    type(el, '#rf-learned', 'Grant');
    jest.advanceTimersByTime(500);
    type(el, '#rf-learned', 'Grant writers love to talk shop');
    jest.advanceTimersByTime(999);
    api.expectNone('/api/tasks/t1/draft');
    jest.advanceTimersByTime(1);
    const save = api.expectOne('/api/tasks/t1/draft');
    expect(save.request.method).toBe('PUT');
    expect(save.request.body).toEqual({
      answers: { learned: 'Grant writers love to talk shop', channel: null, fit: null, org: null },
      contactId: null,
    });
    fixture.detectChanges();
    expect(el.querySelector('[aria-live=polite]')?.textContent?.trim()).toBe('Saving…');
    save.flush({ answers: {}, contactId: null, evidence: null, savedAt: new Date().toISOString() });
    fixture.detectChanges();
    expect(el.querySelector('[aria-live=polite]')?.textContent).toContain('Saved at');

    const org = type(el, '#rf-org', 'Net Impact');
    org.dispatchEvent(new Event('blur'));
    api.expectOne('/api/tasks/t1/draft').flush({ answers: {}, contactId: null, evidence: null, savedAt: null });

    el.querySelector<HTMLInputElement>('#rf-fit-3')?.dispatchEvent(new Event('change'));
    jest.advanceTimersByTime(1000);
    expect(api.expectOne('/api/tasks/t1/draft').request.body.answers.fit).toBe(4);
  });

  it('checks required answers before submitting and links the summary to the fields', async () => {
    const { fixture, el } = await render();
    document.body.appendChild(el);
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(document.activeElement?.id).toBe('rf-problems');
    api.expectNone('/api/tasks/t1/submissions');
    const summary = el.querySelector('#rf-problems');
    const links = [...(summary?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'What did you learn?: Answer this question.',
      'Channel: Choose an answer.',
    ]);
    expect(el.querySelector('#rf-learned')?.getAttribute('aria-invalid')).toBe('true');
    links[1].click();
    expect(document.activeElement?.id).toBe('rf-channel-0');
    el.remove();
  });

  it('shows the server’s per-field problems next to the fields', async () => {
    const { fixture, el } = await render();
    type(el, '#rf-learned', 'A lot');
    el.querySelector<HTMLInputElement>('#rf-channel-1')?.dispatchEvent(new Event('change'));
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    const submit = api.expectOne('/api/tasks/t1/submissions');
    expect(submit.request.body.answers).toEqual({ learned: 'A lot', channel: 'Video', fit: null, org: null });
    submit.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [
          { field: 'answers.learned', problems: ['must be at least 20 characters'] },
          { field: 'contactId', problems: ['is not one of your contacts'] },
          { field: 'answers', problems: ['unexpected answer: extra'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#rf-learned-error')?.textContent).toBe('Must be at least 20 characters.');
    expect(el.querySelector('#rf-learned')?.getAttribute('aria-describedby')).toBe('rf-learned-help rf-learned-error');
    expect(el.querySelector('#rf-contact-error')?.textContent).toBe('Is not one of your contacts.');
    const summary = el.querySelector('#rf-problems');
    expect(summary?.textContent).toContain('Unexpected answer: extra.');
    expect(summary?.querySelectorAll('a').length).toBe(2);
    api.match('/api/tasks/t1/draft').forEach((r) => r.flush({ answers: {}, contactId: null, evidence: null, savedAt: null }));
  });

  it('emits the submission on success', async () => {
    const { fixture, el } = await render();
    let submitted: Submission | null = null;
    fixture.componentInstance.submitted.subscribe((s) => (submitted = s));
    type(el, '#rf-learned', 'A lot');
    el.querySelector<HTMLInputElement>('#rf-channel-0')?.dispatchEvent(new Event('change'));
    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    const sub = { id: 's1', version: 1 } as Submission;
    api.expectOne('/api/tasks/t1/submissions').flush(sub, { status: 201, statusText: 'Created' });
    expect(submitted).toEqual(sub);
    fixture.destroy();
    api.expectNone('/api/tasks/t1/draft');
  });

  it('never cuts a pasted answer: a counter near the shared limit, the excess named, and no submission', async () => {
    const { fixture, el } = await render(
      task({ prompts: [{ key: 'link', label: 'Link to the post', type: 'url', required: true }], evidence: { kind: 'text', required: false } }),
    );
    document.body.appendChild(el);
    const input = el.querySelector<HTMLInputElement>('#rf-link');
    expect(input?.hasAttribute('maxlength')).toBe(false);
    expect(el.querySelector('#rf-evidence')?.hasAttribute('maxlength')).toBe(false);

    type(el, '#rf-link', 'https://x.test/' + 'a'.repeat(100));
    await fixture.whenStable();
    expect(el.querySelector('#rf-link-count')).toBeNull();

    type(el, '#rf-link', 'https://x.test/' + 'a'.repeat(1_950 - 15));
    await fixture.whenStable();
    expect(el.querySelector('#rf-link-count')?.textContent?.trim()).toBe('1,950 / 2,000');
    expect(input?.getAttribute('aria-describedby')).toContain('rf-link-count');

    const pasted = 'https://x.test/' + 'a'.repeat(2_340 - 15);
    type(el, '#rf-link', pasted);
    await fixture.whenStable();
    expect(input?.value).toHaveLength(2_340);
    const count = el.querySelector('#rf-link-count');
    expect(count?.textContent?.trim()).toBe('2,340 / 2,000 — 340 over the limit');
    expect(count?.classList).toContain('char-count--over');

    type(el, '#rf-evidence', 'e'.repeat(4_600));
    await fixture.whenStable();
    expect(el.querySelector('#rf-evidence-count')?.textContent?.trim()).toBe('4,600 / 5,000');

    el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    api.expectNone('/api/tasks/t1/submissions');
    expect(el.querySelector('#rf-problems')?.textContent).toContain('Link to the post: Shorten this to 2,000 characters or fewer; it has 2,340.');
    fixture.destroy();
    el.remove();
    api.match('/api/tasks/t1/draft');
  });
});
