import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { parseMarkdown } from './markdown';

/**
 * Homework instructions in the safe Markdown subset (`parseMarkdown`), the same in the template
 * editor's preview and on the student's task page. Text is always interpolated, never HTML.
 *
 * `<fw-markdown [source]="task.instructions" [topHeading]="3" />` — a `#` heading becomes an
 * `<h3>` (`##` an `<h4>`, …) so it sits under the page's own `<h2>`.
 */
@Component({
  selector: 'fw-markdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  host: { class: 'markdown' },
  template: `
    <!-- Inline nodes are written without whitespace between tags: any would show up as spaces. -->
    <ng-template #inlines let-nodes>
      @for (node of nodes; track $index) {
        @switch (node.kind) {
          @case ('strong') {<strong><ng-container *ngTemplateOutlet="inlines; context: { $implicit: node.children }" /></strong>}
          @case ('em') {<em><ng-container *ngTemplateOutlet="inlines; context: { $implicit: node.children }" /></em>}
          @case ('code') {<code>{{ node.text }}</code>}
          @case ('link') {<a [href]="node.href" target="_blank" rel="noopener noreferrer"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: node.children }" /><span class="visually-hidden">&#32;(opens in a new tab)</span></a>}
          @default {<ng-container>{{ node.text }}</ng-container>}
        }
      }
    </ng-template>

    @for (block of blocks(); track $index) {
      @switch (block.kind) {
        @case ('p') {
          <p><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></p>
        }
        @case ('heading') {
          @switch (headingLevel(block.level)) {
            @case (1) { <h1 class="md-heading"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></h1> }
            @case (2) { <h2 class="md-heading"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></h2> }
            @case (3) { <h3 class="md-heading"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></h3> }
            @case (4) { <h4 class="md-heading"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></h4> }
            @case (5) { <h5 class="md-heading"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></h5> }
            @default { <h6 class="md-heading"><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></h6> }
          }
        }
        @case ('ul') {
          <ul>
            @for (item of block.items; track $index) {
              <li><ng-container *ngTemplateOutlet="inlines; context: { $implicit: item }" /></li>
            }
          </ul>
        }
        @case ('ol') {
          <ol>
            @for (item of block.items; track $index) {
              <li><ng-container *ngTemplateOutlet="inlines; context: { $implicit: item }" /></li>
            }
          </ol>
        }
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    ul,
    ol {
      margin: 0 0 0.75rem;
      padding-left: 1.5rem;
    }
    li + li {
      margin-top: 0.25rem;
    }
    .md-heading {
      margin: 1rem 0 0.5rem;
      font-size: 1rem;
    }
  `,
})
export class FwMarkdown {
  readonly source = input<string | null | undefined>('');
  /** The heading level a `#` line gets (default 3: instructions sit in a section under an h2). */
  readonly topHeading = input(3);

  protected readonly blocks = computed(() => parseMarkdown(this.source()));

  protected headingLevel(hashes: number): number {
    const top = Math.min(Math.max(this.topHeading(), 1), 6);
    return Math.min(top + hashes - 1, 6);
  }
}
