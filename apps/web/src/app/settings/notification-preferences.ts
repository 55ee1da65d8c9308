import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { DeliveryMode, NotificationPreference, PreferenceKind } from '@fieldwork/contracts';
import { NotificationPreferencesService, readApiError } from '@fieldwork/web-core';
import { FwAlert } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';

type PreferencesState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; timezone: string; items: NotificationPreference[] };

/** The one sentence at the top of the section. */
export const PREFERENCES_INTRO =
  '“Right away” puts a notice in your Fieldwork inbox and e-mails you at once; “In my daily digest” puts it in your inbox at once and e-mails it with the others in one message at 08:00; “Off” sends nothing.';

/** What each mode is called on screen; the digest names the career center's time zone. */
export function modeLabel(mode: DeliveryMode, timezone: string): string {
  switch (mode) {
    case 'immediately':
      return 'Right away';
    case 'digest':
      return `In my daily digest (08:00 ${timezone})`;
    case 'off':
      return 'Off';
  }
}

/**
 * The signed-in user's notification preferences: one radio group per kind,
 * saved as soon as a choice changes (only that kind is sent).
 */
@Component({
  selector: 'app-notification-preferences',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwAlert],
  templateUrl: './notification-preferences.html',
  styles: `
    .preference-list {
      display: grid;
      gap: 0;
      margin: 1rem 0 0;
    }
    .preference {
      padding: 0.75rem 0;
      border-top: 1px solid var(--fw-border);
    }
    .preference legend {
      margin-bottom: 0.25rem;
    }
    .preference .alert {
      margin: 0.5rem 0 0;
    }
  `,
})
export class NotificationPreferencesCard {
  private readonly preferences = inject(NotificationPreferencesService);
  private request: Subscription | null = null;
  private readonly saves = new Map<PreferenceKind, Subscription>();
  /** What the server last confirmed per kind (a failed save goes back to it). */
  private readonly saved = new Map<PreferenceKind, DeliveryMode>();

  protected readonly intro = PREFERENCES_INTRO;
  protected readonly state = signal<PreferencesState>({ kind: 'loading' });
  /** "Saving…" or "Saved…" next to the kind changed last. */
  protected readonly status = signal<{ kind: PreferenceKind; text: string } | null>(null);
  /** A failed save's message, per kind. */
  protected readonly errors = signal<Partial<Record<PreferenceKind, string>>>({});

  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  });
  protected readonly timezone = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.timezone : '';
  });
  protected readonly items = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.items : [];
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.saves.forEach((save) => save.unsubscribe());
    });
    this.load();
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ kind: 'loading' });
    this.request = this.preferences.get().subscribe({
      next: ({ timezone, items }) => {
        this.saved.clear();
        items.forEach((item) => this.saved.set(item.kind, item.mode));
        this.state.set({ kind: 'ready', timezone, items });
      },
      error: (err: unknown) =>
        this.state.set({
          kind: 'error',
          message: readApiError(err, 'Could not load your notification settings.').message,
        }),
    });
  }

  protected modeLabel(mode: DeliveryMode): string {
    return modeLabel(mode, this.timezone());
  }

  /** Shows the choice at once and saves it; a failure puts back the saved choice and says why. */
  protected choose(item: NotificationPreference, mode: DeliveryMode): void {
    if (item.mode === mode) return;
    this.setMode(item.kind, mode);
    this.setError(item.kind, null);
    this.status.set({ kind: item.kind, text: 'Saving…' });
    // A newer choice for the same kind replaces one still on its way.
    this.saves.get(item.kind)?.unsubscribe();
    this.saves.set(
      item.kind,
      this.preferences.set(item.kind, mode).subscribe({
        next: ({ items }) => {
          this.saves.delete(item.kind);
          const now = items.find((i) => i.kind === item.kind)?.mode ?? mode;
          this.saved.set(item.kind, now);
          this.setMode(item.kind, now);
          if (this.status()?.kind === item.kind) this.status.set({ kind: item.kind, text: `Saved: ${this.savedText(now)}.` });
        },
        error: (err: unknown) => {
          this.saves.delete(item.kind);
          const before = this.saved.get(item.kind);
          if (before) this.setMode(item.kind, before);
          const problem = readApiError(err, 'Please try again.');
          const details = Object.values(problem.fieldErrors);
          this.setError(
            item.kind,
            [`Could not save your choice for “${item.label}”.`, problem.message, ...details].join(' '),
          );
          if (this.status()?.kind === item.kind) this.status.set(null);
        },
      }),
    );
  }

  protected statusOf(kind: PreferenceKind): string {
    const status = this.status();
    return status?.kind === kind ? status.text : '';
  }

  protected errorOf(kind: PreferenceKind): string | null {
    return this.errors()[kind] ?? null;
  }

  private savedText(mode: DeliveryMode): string {
    switch (mode) {
      case 'immediately':
        return 'right away';
      case 'digest':
        return `in your daily digest at 08:00 (${this.timezone()})`;
      case 'off':
        return 'off';
    }
  }

  private setMode(kind: PreferenceKind, mode: DeliveryMode): void {
    this.state.update((state) =>
      state.kind === 'ready'
        ? { ...state, items: state.items.map((item) => (item.kind === kind ? { ...item, mode } : item)) }
        : state,
    );
  }

  private setError(kind: PreferenceKind, message: string | null): void {
    this.errors.update((errors) => {
      const next = { ...errors };
      if (message) next[kind] = message;
      else delete next[kind];
      return next;
    });
  }
}
