import { Injectable, signal } from '@angular/core';

/** A one-time confirmation carried across a navigation ("Approved Sam's reflection."). */
@Injectable({ providedIn: 'root' })
export class FlashService {
  private readonly message = signal<string | null>(null);

  set(text: string): void {
    this.message.set(text);
  }

  /** The pending message, once; null when there is none. */
  take(): string | null {
    const text = this.message();
    this.message.set(null);
    return text;
  }
}
