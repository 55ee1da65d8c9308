import { HttpErrorResponse } from '@angular/common/http';
import type { TaskDraft } from '@fieldwork/contracts';
import { Subject } from 'rxjs';
import { DraftAutosave } from './draft-autosave';

const draft = (savedAt = '2026-03-03T15:04:00.000Z'): TaskDraft => ({ answers: {}, contactId: null, evidence: null, savedAt });

describe('DraftAutosave', () => {
  let calls: Subject<TaskDraft>[];
  let saved: TaskDraft[];
  let locked: number[];
  let autosave: DraftAutosave;

  beforeEach(() => {
    jest.useFakeTimers();
    calls = [];
    saved = [];
    locked = [];
    autosave = new DraftAutosave({
      save: () => {
        const call = new Subject<TaskDraft>();
        calls.push(call);
        return call;
      },
      onSaved: (d) => saved.push(d),
      onLocked: (s) => locked.push(s),
      delayMs: 1000,
      retryMs: [2000, 5000],
    });
  });

  afterEach(() => jest.useRealTimers());

  const answer = (call: Subject<TaskDraft>, value = draft()) => {
    call.next(value);
    call.complete();
  };

  it('saves once, about a second after the last change', () => {
    autosave.changed();
    jest.advanceTimersByTime(600);
    autosave.changed();
    jest.advanceTimersByTime(600);
    autosave.changed();
    jest.advanceTimersByTime(999);
    expect(calls.length).toBe(0);
    expect(autosave.state().kind).toBe('pending');
    jest.advanceTimersByTime(1);
    expect(calls.length).toBe(1);
    expect(autosave.state().kind).toBe('saving');
    answer(calls[0]);
    expect(autosave.state()).toEqual({ kind: 'saved', savedAt: '2026-03-03T15:04:00.000Z' });
    expect(saved.length).toBe(1);
    expect(autosave.hasUnsavedChanges).toBe(false);
  });

  it('saves at once on flush (blur), and not at all when nothing changed', () => {
    autosave.flush();
    expect(calls.length).toBe(0);
    autosave.changed();
    autosave.flush();
    expect(calls.length).toBe(1);
    answer(calls[0]);
    jest.advanceTimersByTime(5000);
    expect(calls.length).toBe(1);
  });

  it('keeps one save in flight and saves edits made meanwhile right after', () => {
    autosave.changed();
    jest.advanceTimersByTime(1000);
    autosave.changed();
    autosave.flush();
    jest.advanceTimersByTime(3000);
    expect(calls.length).toBe(1);
    answer(calls[0]);
    expect(autosave.state().kind).toBe('pending');
    jest.advanceTimersByTime(1000);
    expect(calls.length).toBe(2);
  });

  it('retries with back-off after a network or server failure', () => {
    autosave.changed();
    jest.advanceTimersByTime(1000);
    calls[0].error(new HttpErrorResponse({ status: 0 }));
    expect(autosave.state()).toEqual({ kind: 'retrying', attempt: 1 });
    jest.advanceTimersByTime(1999);
    expect(calls.length).toBe(1);
    jest.advanceTimersByTime(1);
    expect(calls.length).toBe(2);
    calls[1].error(new HttpErrorResponse({ status: 503 }));
    expect(autosave.state()).toEqual({ kind: 'retrying', attempt: 2 });
    jest.advanceTimersByTime(5000);
    expect(calls.length).toBe(3);
    answer(calls[2]);
    expect(autosave.state().kind).toBe('saved');
  });

  it('does not retry a refused draft until the next change', () => {
    autosave.changed();
    jest.advanceTimersByTime(1000);
    calls[0].error(new HttpErrorResponse({ status: 400 }));
    expect(autosave.state()).toEqual({ kind: 'failed', status: 400 });
    jest.advanceTimersByTime(60000);
    expect(calls.length).toBe(1);
    autosave.changed();
    jest.advanceTimersByTime(1000);
    expect(calls.length).toBe(2);
  });

  it('stops for good when the task is no longer editable (409)', () => {
    autosave.changed();
    jest.advanceTimersByTime(1000);
    calls[0].error(new HttpErrorResponse({ status: 409 }));
    expect(autosave.state().kind).toBe('locked');
    expect(locked).toEqual([409]);
    autosave.changed();
    jest.advanceTimersByTime(5000);
    expect(calls.length).toBe(1);
  });

  it('pauses while submitting and resumes with unsaved edits', () => {
    autosave.changed();
    autosave.pause();
    jest.advanceTimersByTime(5000);
    expect(calls.length).toBe(0);
    autosave.resume();
    jest.advanceTimersByTime(1000);
    expect(calls.length).toBe(1);
  });

  it('saves pending edits once more when disposed', () => {
    autosave.changed();
    autosave.dispose();
    expect(calls.length).toBe(1);
    jest.advanceTimersByTime(5000);
    expect(calls.length).toBe(1);
  });
});
