import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FwLoadMore, type LoadMoreSource } from './load-more';

@Component({
  imports: [FwLoadMore],
  template: `<fw-load-more [list]="list" label="Load more contacts" />`,
})
class Host {
  readonly hasMore = signal(true);
  readonly loadingMore = signal(false);
  readonly loadMore = jest.fn();
  readonly list: LoadMoreSource = {
    hasMore: this.hasMore,
    loading: this.loadingMore,
    loadingMore: this.loadingMore,
    loadMore: this.loadMore,
  };
}

describe('fw-load-more', () => {
  it('shows the button while there is another page, says Loading… while it comes', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const button = () => el.querySelector('button');
    expect(button()?.textContent?.trim()).toBe('Load more contacts');
    expect(button()?.getAttribute('aria-disabled')).toBeNull();
    button()?.click();
    expect(fixture.componentInstance.loadMore).toHaveBeenCalledTimes(1);

    fixture.componentInstance.loadingMore.set(true);
    await fixture.whenStable();
    expect(button()?.textContent?.trim()).toBe('Loading…');
    expect(button()?.getAttribute('aria-disabled')).toBe('true');

    fixture.componentInstance.hasMore.set(false);
    await fixture.whenStable();
    expect(button()).toBeNull();
  });
});
