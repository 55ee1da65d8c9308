import { AUDIT_SHORT_TEXT, auditChanges } from './changes';

interface Thing {
  title: string;
  minutes: number;
  required: boolean;
  notes: string;
  prompts: { id: string }[];
  kind: string | null;
}

const before: Thing = { title: 'Old', minutes: 30, required: true, notes: 'Short notes', prompts: [{ id: 'a' }], kind: null };
const FIELDS = ['title', 'minutes', 'required', 'notes', 'prompts', 'kind'] as const;

describe('auditChanges', () => {
  it('lists only the fields whose value differs, short ones with before → after', () => {
    const after = { ...before, title: 'New', minutes: 45, prompts: [{ id: 'a' }] };
    expect(auditChanges(before, after, FIELDS)).toEqual({
      changed: ['minutes', 'title'],
      changes: { minutes: { from: 30, to: 45 }, title: { from: 'Old', to: 'New' } },
    });
  });

  it('names long text, lists and fields marked long without copying them', () => {
    const after = { ...before, notes: 'Rewritten notes', prompts: [{ id: 'b' }], title: 'x'.repeat(AUDIT_SHORT_TEXT + 1) };
    expect(auditChanges(before, after, FIELDS, { long: ['notes'] })).toEqual({ changed: ['notes', 'prompts', 'title'], changes: {} });
  });

  it('treats a multi-line value as long, and null / undefined as the same', () => {
    const after = { ...before, title: 'Line one\nline two', kind: undefined as unknown as null };
    expect(auditChanges(before, after, FIELDS)).toEqual({ changed: ['title'], changes: {} });
  });

  it('answers nothing changed for the same values sent again, whatever their key order or class', () => {
    class PromptDto {
      constructor(readonly id: string) {}
    }
    const again = { ...before, prompts: [new PromptDto('a')] };
    expect(auditChanges(before, again, FIELDS)).toEqual({ changed: [], changes: {} });
    const withKeys = { ...before, prompts: [{ id: 'a', label: 'L' }] };
    const reordered = { ...before, prompts: [{ label: 'L', id: 'a' }] };
    expect(auditChanges(withKeys, reordered, FIELDS).changed).toEqual([]);
  });

  it('keeps booleans and null ↔ value changes', () => {
    expect(auditChanges(before, { ...before, required: false, kind: 'thank_you' }, FIELDS).changes).toEqual({
      kind: { from: null, to: 'thank_you' },
      required: { from: true, to: false },
    });
  });
});
