import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { fieldworkTitle, pageTitle } from './page-title';

describe('pageTitle', () => {
  it('names the page before the app', () => {
    expect(fieldworkTitle('Spring 2026')).toBe('Spring 2026 · Fieldwork');
    expect(fieldworkTitle('')).toBe('Fieldwork');
    expect(fieldworkTitle(null)).toBe('Fieldwork');
  });

  it('sets the tab title', () => {
    const setTitle = TestBed.runInInjectionContext(() => pageTitle());
    setTitle('Gradebook: Spring 2026');
    expect(TestBed.inject(Title).getTitle()).toBe('Gradebook: Spring 2026 · Fieldwork');
  });
});
