import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { parseMarkdown } from './markdown';

/** Renders instructions from the safe Markdown subset; text is always interpolated, never HTML. */
@Component({
  selector: 'app-markdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  template: `
    <!-- Inline nodes are written without whitespace between tags: any would show up as spaces. -->
    <ng-template #inlines let-nodes>
      @for (node of nodes; track $index) {
        @switch (node.kind) {
          @case ('strong') {<strong><ng-container *ngTemplateOutlet="inlines; context: { $implicit: node.children }" /></strong>}
          @case ('em') {<em><ng-container *ngTemplateOutlet="inlines; context: { $implicit: node.children }" /></em>}
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
          <p class="md-heading">
            <strong><ng-container *ngTemplateOutlet="inlines; context: { $implicit: block.inlines }" /></strong>
          </p>
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
      margin-top: 1rem;
    }
  `,
})
export class MarkdownView {
  readonly source = input<string | null>('');
  protected readonly blocks = computed(() => parseMarkdown(this.source()));
}
