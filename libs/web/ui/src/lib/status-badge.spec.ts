import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TaskStatus } from '@fieldwork/contracts';
import { FwStatusBadge } from './status-badge';

@Component({
  imports: [FwStatusBadge],
  template: `<fw-status-badge id="task" [task]="status()" /><fw-status-badge id="other" tone="invited" label="Invited" />`,
})
class BadgeHost {
  readonly status = signal<TaskStatus>('revision_requested');
}

describe('fw-status-badge', () => {
  it('labels a task status from the contracts and colours it by status', async () => {
    const fixture = TestBed.createComponent(BadgeHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const task = root.querySelector('#task');
    expect(task?.textContent).toBe('Needs revision');
    expect(task?.className).toBe('badge badge--task-revision-requested');

    fixture.componentInstance.status.set('in_progress');
    await fixture.whenStable();
    expect(task?.textContent).toBe('In progress');
    expect(task?.className).toBe('badge badge--task-in-progress');
  });

  it('shows any other status by tone and label', async () => {
    const fixture = TestBed.createComponent(BadgeHost);
    await fixture.whenStable();
    const other = (fixture.nativeElement as HTMLElement).querySelector('#other');
    expect(other?.textContent).toBe('Invited');
    expect(other?.className).toBe('badge badge--invited');
  });
});
