import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import { render as renderComponent, setUpApiTest, typeInto } from '../shared/testing';
import { FlashService } from '@fieldwork/web-core';
import { TemplateEditor } from './template-editor';

describe('TemplateEditor (new)', () => {
  let api: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    api = setUpApiTest(TemplateEditor, {
      providers: [{ provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({}) } } }],
    });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => api.verify());

  async function render() {
    const { fixture, el } = await renderComponent(TemplateEditor);
    const type = (selector: string, value: string) => typeInto(fixture, selector, value);
    const click = async (text: string) => {
      const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === text);
      if (!button) throw new Error(`no button ${text}`);
      button.click();
      await fixture.whenStable();
    };
    const labels = () => [...el.querySelectorAll<HTMLInputElement>('.editor-item input[id$="-label"]')].map((i) => i.value);
    const keys = () => [...el.querySelectorAll<HTMLInputElement>('.editor-item input[id$="-key"]')].map((i) => i.value);
    return { fixture, el, type, click, labels, keys };
  }

  it('derives unique keys from labels, keeps hand-edited keys, and reorders prompts', async () => {
    const { el, type, click, labels, keys } = await render();
    expect(keys()).toEqual(['what_did_you_learn']);
    await click('Add a prompt');
    const second = el.querySelectorAll<HTMLInputElement>('.editor-item input[id$="-label"]')[1];
    expect(document.activeElement).toBe(second);
    await type(`#${second.id}`, 'What did you learn?');
    expect(keys()).toEqual(['what_did_you_learn', 'what_did_you_learn_2']);
    const secondKey = el.querySelectorAll<HTMLInputElement>('.editor-item input[id$="-key"]')[1];
    await type(`#${secondKey.id}`, 'lesson');
    await type(`#${second.id}`, 'Biggest lesson');
    expect(keys()).toEqual(['what_did_you_learn', 'lesson']);

    await click('Move up prompt 2');
    expect(labels()).toEqual(['Biggest lesson', 'What did you learn?']);
    expect(el.querySelector('#editor-status')?.textContent).toContain('moved to position 1 of 2');
  });

  it('checks the form before saving, then sends the template and shows server errors by field path', async () => {
    const { fixture, el, type, click } = await render();
    await click('Create template');
    api.expectNone('/api/templates');
    expect(el.querySelector('#tpl-title-error')?.textContent).toBe('Enter a title.');
    expect(document.activeElement?.id).toBe('tpl-title');

    await type('#tpl-title', ' Coffee chat ');
    await type('#tpl-instructions', 'Meet someone for coffee.');
    const select = el.querySelector<HTMLSelectElement>('.editor-item select');
    if (!select) throw new Error('no type select');
    select.value = 'choice';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const options = el.querySelectorAll<HTMLInputElement>('.option-row input');
    expect(options.length).toBe(2);
    await type(`#${options[0].id}`, 'Yes');
    await type(`#${options[1].id}`, 'No');

    await click('Create template');
    const post = api.expectOne('/api/templates');
    expect(post.request.body).toMatchObject({
      title: 'Coffee chat',
      category: 'gather-information',
      instructions: 'Meet someone for coffee.',
      estimatedMinutes: 30,
      rubric: null,
      interactionKind: null,
      evidence: { kind: 'none', required: false },
      prompts: [{ key: 'what_did_you_learn', label: 'What did you learn?', type: 'choice', required: true, options: ['Yes', 'No'] }],
    });
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [
          { field: 'prompts[0].options', problems: ['options must be different from each other'] },
          { field: 'contactRequired', problems: ['must be a boolean'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('.options .field-error')?.textContent).toBe('Options must be different from each other.');
    expect(el.querySelector('#editor-error')?.textContent).toContain('Contact: Must be a boolean.');

    await click('Create template');
    api.expectOne('/api/templates').flush({ id: 'new', title: 'Coffee chat' });
    expect(navigate).toHaveBeenCalledWith(['/templates']);
    expect(TestBed.inject(FlashService).take()).toContain('Template “Coffee chat” created');
  });

  it('records on the contact\'s timeline by category unless a kind is chosen', async () => {
    const { fixture, el, type, click } = await render();
    const kind = el.querySelector<HTMLSelectElement>('#tpl-interaction-kind');
    if (!kind) throw new Error('no interaction kind select');
    expect(el.querySelector('label[for=tpl-interaction-kind]')?.textContent).toBe('Records on the contact’s timeline as');
    expect(kind.value).toBe('');
    expect(kind.options[0].textContent?.trim()).toBe('By category (Informational interview)');
    expect([...kind.options].map((o) => o.value)).toContain('thank_you');
    expect(kind.getAttribute('aria-describedby')).toBe('tpl-interaction-kind-hint');

    // The "by category" wording follows the category.
    const category = el.querySelector<HTMLSelectElement>('#tpl-category');
    if (!category) throw new Error('no category select');
    category.value = 'follow-up';
    category.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(kind.options[0].textContent?.trim()).toMatch(/^By category \(.+\)$/);

    kind.value = 'thank_you';
    kind.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await type('#tpl-title', 'Thank-you note');
    await type('#tpl-instructions', 'Write a thank-you note.');
    await click('Create template');
    const post = api.expectOne('/api/templates');
    expect(post.request.body).toMatchObject({ title: 'Thank-you note', category: 'follow-up', interactionKind: 'thank_you' });
    post.flush({ id: 'new', title: 'Thank-you note' });
  });
});
