import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, inject, signal } from '@angular/core';
import { AuthService, CalendarFeedService, TenantTime, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, copyToClipboard, pageFocus } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';

type FeedFailure = { kind: 'unavailable' } | { kind: 'error'; message: string };
/** `url` is null when the link was made earlier: it is shown only once. */
type FeedState = { kind: 'loading' } | { kind: 'ready'; url: string | null; createdAt: string } | FeedFailure;

export const FEED_UNAVAILABLE_MESSAGE = 'The calendar feed is not available yet.';
export const COPIED_MESSAGE = 'Copied. Paste the link into your calendar app.';

/** The user's private calendar feed link: copy it, or replace it with a new one. */
@Component({
  selector: 'app-calendar-feed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwField, FwControl, FwAlert],
  templateUrl: './calendar-feed.html',
})
export class CalendarFeed {
  private readonly calendar = inject(CalendarFeedService);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private readonly focus = pageFocus();
  private request: Subscription | null = null;

  /** The career center's zone: each due date is the end of that day there. */
  private readonly time = inject(TenantTime);
  protected readonly zone = this.time.zone;
  protected readonly unavailableMessage = FEED_UNAVAILABLE_MESSAGE;
  protected readonly state = signal<FeedState>({ kind: 'loading' });
  protected readonly status = signal('');
  protected readonly confirming = signal(false);
  protected readonly rotating = signal(false);
  protected readonly rotateError = signal<string | null>(null);
  protected readonly url = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? (state.url ?? '') : '';
  });
  /** "Nov 30, 2026": since when the current link works. */
  protected readonly createdOn = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? this.time.format(state.createdAt, { time: false, year: 'always' }) : '';
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  });

  protected readonly intro = computed(() => {
    switch (this.auth.role()) {
      case 'student':
        return 'Add your homework due dates to Google Calendar, Outlook or Apple Calendar. New homework shows up there by itself.';
      case 'advisor':
        return "Add the due dates of your cohorts' homework to Google Calendar, Outlook or Apple Calendar. New assignments show up there by themselves.";
      default:
        return "Add the due dates of your career center's homework to Google Calendar, Outlook or Apple Calendar. New assignments show up there by themselves.";
    }
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.load();
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ kind: 'loading' });
    this.request = this.calendar.get().subscribe({
      next: ({ url, createdAt }) => this.state.set({ kind: 'ready', url, createdAt }),
      error: (err: unknown) => this.state.set(this.failure(err, 'Could not load your calendar link.')),
    });
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  protected async copy(field: HTMLInputElement): Promise<void> {
    const url = this.url();
    if (!url) return;
    const copied = await copyToClipboard(this.document, url, field);
    this.status.set(copied ? COPIED_MESSAGE : 'The link is selected: press Ctrl+C (or ⌘C) to copy it.');
  }

  protected askToRotate(): void {
    this.rotateError.set(null);
    this.confirming.set(true);
    this.focus.after('#calendar-rotate-heading');
  }

  protected cancelRotate(): void {
    if (this.rotating()) return;
    this.confirming.set(false);
    this.rotateError.set(null);
    this.focus.after('#calendar-rotate');
  }

  protected rotate(): void {
    if (this.rotating()) return;
    this.rotating.set(true);
    this.rotateError.set(null);
    this.calendar.rotate().subscribe({
      next: ({ url, createdAt }) => {
        this.rotating.set(false);
        this.confirming.set(false);
        this.state.set({ kind: 'ready', url, createdAt });
        this.status.set('New link ready. The old link no longer works: add this one to your calendar app.');
        this.focus.after('#calendar-url');
      },
      error: (err: unknown) => {
        this.rotating.set(false);
        const failure = this.failure(err, 'Could not make a new link. Your current link still works.');
        if (failure.kind === 'unavailable') {
          this.confirming.set(false);
          this.state.set(failure);
        } else {
          this.rotateError.set(failure.message);
        }
      },
    });
  }

  private failure(err: unknown, fallback: string): FeedFailure {
    const problem = readApiError(err, fallback);
    return problem.status === 404 ? { kind: 'unavailable' } : { kind: 'error', message: problem.message };
  }
}
