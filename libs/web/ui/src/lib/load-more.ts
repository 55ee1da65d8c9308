import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { CursorList } from './cursor-list';

/** What the button needs of a `cursorList()`. */
export type LoadMoreSource = Pick<CursorList<unknown>, 'hasMore' | 'loading' | 'loadingMore' | 'loadMore'>;

/**
 * The "Load more" button under a `cursorList()`: shown while the server has another page, says
 * "Loading…" while that page is on its way (and is `aria-disabled` while any page is).
 *
 * ```html
 * <fw-load-more [list]="contacts" label="Load more contacts" />
 * ```
 */
@Component({
  selector: 'fw-load-more',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (list().hasMore()) {
      <p class="load-more">
        <button type="button" class="button button--secondary" [attr.aria-disabled]="list().loading() || null" (click)="list().loadMore()">
          {{ list().loadingMore() ? 'Loading…' : label() }}
        </button>
      </p>
    }
  `,
})
export class FwLoadMore {
  readonly list = input.required<LoadMoreSource>();
  readonly label = input('Load more');
}
