import { DestroyRef, Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Page } from '@fieldwork/contracts';
import { Observable, Subject, of, throwError } from 'rxjs';
import { CursorList, DEFAULT_LOAD_ERROR, cursorList } from './cursor-list';

/** A loader whose pages the test answers one by one. */
function pagedLoader() {
  const calls: { cursor: string | null; reply: Subject<Page<string>> }[] = [];
  const load = (cursor: string | null): Observable<Page<string>> => {
    const reply = new Subject<Page<string>>();
    calls.push({ cursor, reply });
    return reply;
  };
  const answer = (index: number, items: string[], nextCursor: string | null) => {
    calls[index].reply.next({ items, nextCursor });
    calls[index].reply.complete();
  };
  return { calls, load, answer };
}

function create<T>(factory: () => CursorList<T>): CursorList<T> {
  return runInInjectionContext(TestBed.inject(Injector), factory);
}

describe('cursorList', () => {
  it('loads the first page, appends the next, and knows when there is more', () => {
    const { calls, load, answer } = pagedLoader();
    const list = create(() => cursorList(load));
    expect(calls).toHaveLength(0);
    list.reload();
    expect(list.loading()).toBe(true);
    expect(list.loadingMore()).toBe(false);
    answer(0, ['a', 'b'], 'c1');
    expect(list.items()).toEqual(['a', 'b']);
    expect(list.loaded()).toBe(true);
    expect(list.hasMore()).toBe(true);

    list.loadMore();
    expect(calls[1].cursor).toBe('c1');
    expect(list.loadingMore()).toBe(true);
    list.loadMore(); // ignored while a page is on its way
    expect(calls).toHaveLength(2);
    answer(1, ['c'], null);
    expect(list.items()).toEqual(['a', 'b', 'c']);
    expect(list.hasMore()).toBe(false);
    list.loadMore(); // last page: nothing to do
    expect(calls).toHaveLength(2);
  });

  it('reload replaces the rows and cancels the request in flight', () => {
    const { calls, load, answer } = pagedLoader();
    const list = create(() => cursorList(load));
    list.reload();
    answer(0, ['a'], 'c1');
    list.loadMore();
    list.reload();
    expect(calls[1].reply.observed).toBe(false);
    answer(2, ['z'], null);
    expect(list.items()).toEqual(['z']);
  });

  it('replace changes the loaded rows; onPage hears each page', () => {
    const pages: boolean[] = [];
    const list = create(() =>
      cursorList((cursor) => of({ items: [cursor ?? 'first'], nextCursor: cursor ? null : 'next' }), {
        onPage: (_page, appended) => pages.push(appended),
      }),
    );
    list.reload();
    list.loadMore();
    expect(list.items()).toEqual(['first', 'next']);
    expect(pages).toEqual([false, true]);
    list.replace((items) => ['new', ...items]);
    expect(list.items()).toEqual(['new', 'first', 'next']);
  });

  it('reports failures in words and keeps what was loaded', () => {
    let fail = false;
    const list = create(() =>
      cursorList((cursor) => (fail ? throwError(() => new Error('boom')) : of({ items: [cursor ?? 'a'], nextCursor: 'n' })), {
        errorMessage: (err) => `Could not load: ${(err as Error).message}`,
      }),
    );
    list.reload();
    fail = true;
    list.loadMore();
    expect(list.error()).toBe('Could not load: boom');
    expect(list.loading()).toBe(false);
    expect(list.items()).toEqual(['a']);

    const plain = create(() => cursorList(() => throwError(() => new Error('x'))));
    plain.reload();
    expect(plain.error()).toBe(DEFAULT_LOAD_ERROR);
  });

  it('stops the request in flight when its owner is destroyed', () => {
    const { calls, load } = pagedLoader();
    const callbacks: (() => void)[] = [];
    const destroyRef = { onDestroy: (fn: () => void) => (callbacks.push(fn), () => undefined) } as unknown as DestroyRef;
    const list = cursorList(load, { destroyRef });
    list.reload();
    callbacks.forEach((fn) => fn());
    expect(calls[0].reply.observed).toBe(false);
  });
});
