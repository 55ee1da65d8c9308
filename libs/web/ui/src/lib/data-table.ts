import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  TemplateRef,
  afterRenderEffect,
  booleanAttribute,
  contentChild,
  inject,
  input,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';

/** A column of a `<fw-data-table>`: its header, and optionally a class for its cells. */
export interface DataTableColumn {
  header: string;
  /** Visually hide the header (e.g. an "Actions" column); screen readers still read it. */
  hideHeader?: boolean;
}

/** What a row template receives: the row, and its index. */
export interface DataTableRowContext<T> {
  $implicit: T;
  index: number;
}

/**
 * The cells of one row, written like `@for`: `<ng-template fwRow [fwRowOf]="people()" let-person>`
 * (or `*fwRow="let person of people()"` on an `<ng-container>`). The template holds the row's `<td>`s
 * (and `<th scope="row">`), in the order of the table's columns.
 */
@Directive({ selector: '[fwRow]' })
export class FwRow<T> {
  readonly template = inject<TemplateRef<DataTableRowContext<T>>>(TemplateRef);
  /** The rows to show. */
  readonly fwRowOf = input.required<readonly T[]>();
  /** The identity of a row for re-rendering (default: the row object itself). */
  readonly fwRowTrackBy = input<(row: T) => unknown>((row) => row);

  static ngTemplateContextGuard<T>(_dir: FwRow<T>, _context: unknown): _context is DataTableRowContext<T> {
    return true;
  }
}

/**
 * A table with a header row and one row per item; on screens narrower than ~640 px each row becomes
 * a card whose cells are labelled by their column header (CSS only; table semantics stay on desktop).
 *
 * ```html
 * <fw-data-table caption="Your API tokens" [columns]="[{ header: 'Name' }, { header: 'Status' }]">
 *   <ng-template fwRow [fwRowOf]="tokens()" let-token>
 *     <th scope="row">{{ token.name }}</th>
 *     <td><fw-status-badge tone="active" label="Active" /></td>
 *   </ng-template>
 * </fw-data-table>
 * ```
 */
@Component({
  selector: 'fw-data-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  template: `
    <table class="table fw-data-table">
      @if (caption()) {
        <caption [class.visually-hidden]="hideCaption()">{{ caption() }}</caption>
      }
      <thead>
        <tr>
          @for (column of columns(); track $index) {
            <th scope="col">
              @if (column.hideHeader) {
                <span class="visually-hidden">{{ column.header }}</span>
              } @else {
                {{ column.header }}
              }
            </th>
          }
        </tr>
      </thead>
      <tbody>
        @if (row(); as row) {
          @for (item of row.fwRowOf(); track trackKey(item); let i = $index) {
            <tr>
              <ng-container *ngTemplateOutlet="row.template; context: { $implicit: item, index: i }" />
            </tr>
          }
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
    }
    @media (max-width: 40rem) {
      .fw-data-table thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      .fw-data-table,
      .fw-data-table tbody,
      .fw-data-table tr,
      .fw-data-table ::ng-deep td,
      .fw-data-table ::ng-deep th[scope='row'] {
        display: block;
        width: 100%;
      }
      .fw-data-table tr {
        border: 1px solid var(--fw-border);
        border-radius: var(--fw-radius);
        margin-bottom: 0.75rem;
        padding: 0.5rem 0.75rem;
      }
      .fw-data-table ::ng-deep td,
      .fw-data-table ::ng-deep th[scope='row'] {
        border: 0;
        padding: 0.25rem 0;
      }
      .fw-data-table ::ng-deep td[data-label]::before {
        content: attr(data-label);
        display: block;
        font-size: 0.8rem;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.03em;
        color: var(--fw-muted);
      }
    }
  `,
})
export class FwDataTable {
  readonly columns = input.required<readonly DataTableColumn[]>();
  readonly caption = input<string | null>(null);
  /** Keep the caption for screen readers only (when a heading above already says it). */
  readonly hideCaption = input(false, { transform: booleanAttribute });

  protected readonly row = contentChild(FwRow);
  protected readonly trackKey = (item: unknown): unknown => this.row()?.fwRowTrackBy()(item) ?? item;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    // Each body cell gets its column's header as `data-label`, which the phone layout shows above the value.
    afterRenderEffect(() => {
      const headers = this.columns().map((column) => column.header);
      this.row()?.fwRowOf();
      for (const tr of Array.from(this.host.nativeElement.querySelectorAll('tbody > tr'))) {
        Array.from(tr.children).forEach((cell, i) => {
          const header = headers[i];
          if (header && cell.tagName === 'TD' && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', header);
        });
      }
    });
  }
}
