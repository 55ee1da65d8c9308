import { DestroyRef } from '@angular/core';
import { debouncedSearch } from './debounced-search';

describe('debouncedSearch', () => {
  let destroy: () => void;
  const destroyRef = { onDestroy: (fn: () => void) => (destroy = fn) } as unknown as DestroyRef;
  const typing = (value: string) => ({ target: { value } }) as unknown as Event;

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('applies the trimmed text once typing settles, and not twice for the same text', () => {
    const applied: string[] = [];
    const onInput = debouncedSearch((text) => applied.push(text), 300, destroyRef);
    onInput(typing('an'));
    onInput(typing(' ana '));
    jest.advanceTimersByTime(299);
    expect(applied).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(applied).toEqual(['ana']);
    onInput(typing('ana'));
    jest.advanceTimersByTime(300);
    expect(applied).toEqual(['ana']);
  });

  it('applies nothing after destroy', () => {
    const applied: string[] = [];
    const onInput = debouncedSearch((text) => applied.push(text), 300, destroyRef);
    onInput(typing('bo'));
    destroy();
    jest.advanceTimersByTime(300);
    expect(applied).toEqual([]);
  });
});
