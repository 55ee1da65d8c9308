import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TemplateInput } from '@fieldwork/contracts';
import { PROMPT_TYPE_LABELS, rubricMaxPoints } from '@fieldwork/web-core';
import { FwMarkdown } from '@fieldwork/web-ui';

/** What a student will see of a template, and how it is scored (sections are h3: place it under an h2). */
@Component({
  selector: 'app-template-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwMarkdown],
  template: `
    @let t = template();
    <p class="facts-line">
      <span>About {{ t.estimatedMinutes }} min</span>
      <span>{{ t.contactRequired ? 'Links a contact from the network' : 'No contact needed' }}</span>
      @if (t.evidence.kind !== 'none') {
        <span>
          {{ t.evidence.required ? 'Evidence required' : 'Evidence optional' }}:
          {{ t.evidence.label || (t.evidence.kind === 'url' ? 'a link' : 'some text') }}
        </span>
      }
    </p>

    <h3 class="preview-heading">Instructions</h3>
    <fw-markdown [source]="t.instructions" [topHeading]="4" />

    <h3 class="preview-heading">Reflection prompts</h3>
    <ol class="prompt-preview">
      @for (p of t.prompts; track p.key) {
        <li>
          <span class="prompt-preview__label">{{ p.label }}</span>
          <span class="muted"> — {{ typeLabels[p.type] }}, {{ p.required ? 'required' : 'optional' }}</span>
          @if (p.help) {
            <br /><span class="hint">{{ p.help }}</span>
          }
          @if (p.type === 'choice' && p.options?.length) {
            <br /><span class="hint">Options: {{ p.options?.join(' · ') }}</span>
          }
        </li>
      }
    </ol>

    @if (t.rubric?.length) {
      <h3 class="preview-heading">Rubric ({{ maxPoints() }} points)</h3>
      <ul class="rubric-preview">
        @for (c of t.rubric; track c.key) {
          <li>
            <span class="prompt-preview__label">{{ c.label }}</span>:
            @for (level of c.levels; track $index; let last = $last) {
              {{ level.label }} ({{ level.points }}){{ last ? '' : ' · ' }}
            }
          </li>
        }
      </ul>
    }
  `,
})
export class TemplatePreview {
  readonly template = input.required<TemplateInput>();

  protected readonly typeLabels = PROMPT_TYPE_LABELS;
  protected readonly maxPoints = computed(() => rubricMaxPoints(this.template().rubric));
}
