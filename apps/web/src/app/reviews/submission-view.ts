import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CONTACT_REMOVED_LABEL, type EvidenceRule, type ReflectionPrompt, type Submission } from '@fieldwork/contracts';
import { answerViews, safeHref } from './answers';

/** One submitted version: answers under their prompt labels, the linked contact, the evidence. */
@Component({
  selector: 'app-submission-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = submission();
    <dl class="answers">
      @if (s.contact; as contact) {
        <div>
          <dt>Contact</dt>
          @if (!contact.id && contact.name === removedLabel) {
            <dd class="muted contact-removed">{{ removedLabel }}</dd>
          } @else {
            <dd>{{ contact.name }}@if (contact.organization) {<span class="muted">, {{ contact.organization }}</span>}</dd>
          }
        </div>
      }
      @for (a of answers(); track a.key) {
        <div>
          <dt>{{ a.label }}</dt>
          <dd [class.answers__long]="a.long">
            @if (a.text === null) {
              <span class="muted">No answer</span>
            } @else if (a.href) {
              <a [href]="a.href" target="_blank" rel="noopener noreferrer">{{ a.text }}</a>
            } @else {
              {{ a.text }}
            }
          </dd>
        </div>
      }
      @if (evidence().kind !== 'none' || s.evidence) {
        <div>
          <dt>{{ evidence().label || 'Evidence' }}</dt>
          <dd class="answers__long">
            @if (!s.evidence) {
              <span class="muted">None given</span>
            } @else if (evidenceHref()) {
              <a [href]="evidenceHref()" target="_blank" rel="noopener noreferrer">{{ s.evidence }}</a>
            } @else {
              {{ s.evidence }}
            }
          </dd>
        </div>
      }
    </dl>
  `,
})
export class SubmissionView {
  /** What a reflection shows where its owner erased the contact. */
  protected readonly removedLabel = CONTACT_REMOVED_LABEL;
  readonly submission = input.required<Submission>();
  readonly prompts = input.required<ReflectionPrompt[]>();
  readonly evidence = input<EvidenceRule>({ kind: 'none', required: false });

  protected readonly answers = computed(() => answerViews(this.prompts(), this.submission().answers));
  protected readonly evidenceHref = computed(() => safeHref(this.submission().evidence));
}
