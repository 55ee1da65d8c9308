import { Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type Observable, Subject, of, throwError } from 'rxjs';
import { loadedValue } from './loaded-value';

describe('loadedValue', () => {
  const create = <T>(load: () => Observable<T>, initial: T) =>
    runInInjectionContext(TestBed.inject(Injector), () => loadedValue(load, { initial, errorMessage: () => 'Could not load.' }));

  it('is loading with the initial value until reload() brings the value', () => {
    const list = create(() => of(['a', 'b']), [] as string[]);
    expect(list.loading()).toBe(true);
    expect(list.value()).toEqual([]);
    list.reload();
    expect(list.loading()).toBe(false);
    expect(list.value()).toEqual(['a', 'b']);
    expect(list.error()).toBeNull();
  });

  it('says why a load failed, and a reload clears it', () => {
    let fail = true;
    const list = create(() => (fail ? throwError(() => new Error('down')) : of([1])), [] as number[]);
    list.reload();
    expect(list.error()).toBe('Could not load.');
    expect(list.loading()).toBe(false);
    fail = false;
    list.reload();
    expect(list.error()).toBeNull();
    expect(list.value()).toEqual([1]);
  });

  it('cancels the load in flight when reloaded', () => {
    const first = new Subject<string>();
    const second = new Subject<string>();
    const answers = [first, second];
    const value = create(() => answers.shift() ?? of('none'), '');
    value.reload();
    value.reload();
    first.next('stale');
    expect(value.value()).toBe('');
    second.next('fresh');
    expect(value.value()).toBe('fresh');
  });
});
