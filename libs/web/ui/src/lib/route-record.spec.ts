import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { BehaviorSubject, Subject, of, throwError } from 'rxjs';
import { routeRecord } from './route-record';

describe('routeRecord', () => {
  const params = new BehaviorSubject(convertToParamMap({ id: 'c1' }));
  let answers: Record<string, Subject<string>>;

  @Component({ selector: 'fw-record-host', template: '' })
  class Host {
    readonly titles: string[] = [];
    readonly record = routeRecord((id) => (id === 'gone' ? throwError(() => ({ status: 404 })) : answers[id] ?? of(`record ${id}`)), {
      problem: (err) => ({ message: 'Could not load it.', status: (err as { status: number }).status }),
      loaded: (value) => this.titles.push(value),
    });
  }

  beforeEach(() => {
    answers = {};
    TestBed.configureTestingModule({ providers: [{ provide: ActivatedRoute, useValue: { paramMap: params } }] });
  });

  it('loads the record named by the route, and again when the parameter changes', () => {
    params.next(convertToParamMap({ id: 'c1' }));
    const host = TestBed.createComponent(Host).componentInstance;
    expect(host.record.id()).toBe('c1');
    expect(host.record.value()).toBe('record c1');
    expect(host.record.loading()).toBe(false);
    answers['c2'] = new Subject<string>();
    params.next(convertToParamMap({ id: 'c2' }));
    expect(host.record.value()).toBeNull();
    expect(host.record.loading()).toBe(true);
    answers['c2'].next('second');
    expect(host.record.value()).toBe('second');
    expect(host.titles).toEqual(['record c1', 'second']);
  });

  it('says when the record is not there', () => {
    params.next(convertToParamMap({ id: 'gone' }));
    const host = TestBed.createComponent(Host).componentInstance;
    expect(host.record.notFound()).toBe(true);
    expect(host.record.error()).toBe('Could not load it.');
    expect(host.record.value()).toBeNull();
  });
});
