import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import { setUpApiTest } from '../shared/testing';
import type { Dashboard } from '@fieldwork/contracts';
import { BehaviorSubject } from 'rxjs';
import { DashboardPage } from './dashboard-page';

// jsdom has no canvas: a stand-in Chart records what would be drawn and whether it was destroyed.
const mockCharts: { config: { type: string; data: { labels: string[] } }; destroyed: boolean }[] = [];
jest.mock('chart.js', () => ({
  ...jest.requireActual('chart.js'),
  Chart: class {
    static register = jest.fn();
    readonly record: (typeof mockCharts)[number];
    constructor(_canvas: unknown, config: (typeof mockCharts)[number]['config']) {
      this.record = { config, destroyed: false };
      mockCharts.push(this.record);
    }
    destroy() {
      this.record.destroyed = true;
    }
  },
}));

function dashboard(extra: Partial<Dashboard> = {}): Dashboard {
  return {
    scope: { kind: 'tenant', cohortIds: [] },
    range: { from: null, to: null, timezone: 'America/New_York' },
    funnel: { assigned: 4, started: 3, submitted: 2, approved: 1, startedRate: 0.75, submittedRate: 0.5, approvedRate: 0.25 },
    cohorts: [{ cohortId: 'c1', name: 'Fall', students: 2, overdueNow: 1, awaitingReview: 1, assigned: 4, started: 3, submitted: 2, approved: 1, startedRate: 0.75, submittedRate: 0.5, approvedRate: 0.25 }],
    cohortsInScope: 1,
    assignments: [],
    atRisk: {
      inactiveDays: 14,
      more: false,
      students: [{ id: 's1', name: 'Diego Torres', lastActivityAt: '2026-11-01T00:00:00Z', inactiveDays: 20, overdueTasks: 2, reasons: ['inactive', 'overdue'] }],
    },
    caseload: [],
    advisorsInScope: 0,
    backlog: { waiting: 1, oldestWaitingSince: '2026-11-20T00:00:00Z', oldest: [{ taskId: 't1', title: 'Thank-you note', student: { id: 's2', name: 'Jordan Ellis' }, cohort: null, submittedAt: '2026-11-20T00:00:00Z' }] },
    network: { students: 2, contacts: 3, conversations: 4, introductions: 1, contactsPerStudent: 1.5, conversationsPerStudent: 2, introductionsPerStudent: 0.5, sectors: [{ sector: '', contacts: 3 }] },
    weekly: [{ week: '2026-11-16', submissions: 2, approvals: 1 }],
    generatedAt: '2026-11-25T00:00:00Z',
    ...extra,
  };
}

describe('DashboardPage', () => {
  let api: HttpTestingController;
  let query: BehaviorSubject<ReturnType<typeof convertToParamMap>>;

  beforeEach(() => {
    query = new BehaviorSubject(convertToParamMap({ cohortId: 'c1', from: '2026-11-01' }));
    api = setUpApiTest(DashboardPage, {
      providers: [{ provide: ActivatedRoute, useValue: { queryParamMap: query, snapshot: { queryParamMap: query.value } } }],
    });
  });

  function render() {
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    api.expectOne((r) => r.url === '/api/cohorts').flush({ items: [{ id: 'c1', name: 'Fall' }], nextCursor: null });
    return fixture;
  }

  it('reads its filters from the URL and writes them back there', async () => {
    const fixture = render();
    const request = api.expectOne((r) => r.url === '/api/dashboards/overview');
    expect(request.request.params.get('cohortId')).toBe('c1');
    expect(request.request.params.get('from')).toBe('2026-11-01');
    expect(request.request.params.has('to')).toBe(false);
    request.flush(dashboard());
    fixture.detectChanges();

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const el: HTMLElement = fixture.nativeElement;
    (el.querySelector('#dashboard-to') as HTMLInputElement).value = '2026-11-30';
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    expect(navigate).toHaveBeenCalledWith([], expect.objectContaining({ queryParams: { cohortId: 'c1', from: '2026-11-01', to: '2026-11-30' } }));
  });

  it('links at-risk students to their page and waiting work to its review, and gives each chart a summary', () => {
    const fixture = render();
    api.expectOne((r) => r.url === '/api/dashboards/overview').flush(dashboard());
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('a[href="/students/s1"]')?.textContent).toContain('Diego Torres');
    expect(el.querySelector('a[href="/reviews/t1"]')?.textContent).toContain('Thank-you note');
    const labels = [...el.querySelectorAll('canvas[role="img"]')].map((c) => c.getAttribute('aria-label'));
    expect(labels).toEqual([
      'Completion funnel: 4 tasks assigned, 3 started (75%), 2 submitted (50%), 1 approved (25%).',
      'Share of tasks approved, per cohort: Fall 25%.',
      expect.stringContaining('2 submissions and 1 approvals in all'),
    ]);
    expect(el.textContent).toContain('Not given');
  });

  it('draws a bar funnel, per-cohort bars and a weekly line, and destroys them with the page', () => {
    mockCharts.length = 0;
    const fixture = render();
    api.expectOne((r) => r.url === '/api/dashboards/overview').flush(dashboard());
    fixture.detectChanges();
    expect(mockCharts.map((c) => [c.config.type, c.config.data.labels])).toEqual([
      ['bar', ['Assigned', 'Started', 'Submitted', 'Approved']],
      ['bar', ['Fall']],
      ['line', [expect.stringContaining('2026')]],
    ]);
    fixture.destroy();
    expect(mockCharts.every((c) => c.destroyed)).toBe(true);
  });

  it('links each cohort assignment row into that cohort\'s gradebook, filtered to the homework (and to its overdue students)', () => {
    const fixture = render();
    api.expectOne((r) => r.url === '/api/dashboards/overview').flush(
      dashboard({
        assignments: [
          { assignmentId: 'a1', title: 'Thank-you note', cohort: { id: 'c1', name: 'Fall' }, dueFrom: '2026-12-11T04:59:59Z', dueTo: '2026-12-11T04:59:59Z', assigned: 4, submitted: 2, approved: 1, completionRate: 0.25, onTime: 1, late: 1, overdueNow: 2, awaitingReview: 1, medianDaysToSubmit: 3 },
          { assignmentId: 'a2', title: 'Coffee chat', cohort: null, dueFrom: '2026-12-01T04:59:59Z', dueTo: '2026-12-11T04:59:59Z', assigned: 1, submitted: 0, approved: 0, completionRate: 0, onTime: 0, late: 0, overdueNow: 0, awaitingReview: 0, medianDaysToSubmit: null },
        ],
      }),
    );
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const title = el.querySelector('a[href="/cohorts/c1/gradebook?assignment=a1"]');
    expect(title?.textContent).toContain('Thank-you note');
    expect(el.querySelector('a[href="/cohorts/c1/gradebook?assignment=a1&status=overdue"]')?.textContent).toContain('2');
    const rows = [...el.querySelectorAll('tbody tr')].filter((r) => r.textContent?.includes('Coffee chat'));
    expect(rows[0]?.querySelector('a')).toBeNull();
    // Instants shown as the career center's local days (the browser here has no tenant: its own zone).
    expect(el.textContent).toMatch(/Dec (10|11)/);
  });

  it('says when a large career center lists only the cohorts furthest behind and the advisors with most waiting', () => {
    const fixture = render();
    const advisor = { advisorId: 'u1', name: 'Morgan Advisor', cohorts: 2, students: 40, awaitingReview: 7, oldestWaitingSince: '2026-11-20T00:00:00Z' };
    api.expectOne((r) => r.url === '/api/dashboards/overview').flush(dashboard({ cohortsInScope: 100, caseload: [advisor], advisorsInScope: 90 }));
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.textContent).toContain('The 1 cohorts furthest behind of 100');
    expect(el.querySelector('#completion-heading')?.parentElement?.querySelector('a[href="/cohorts"]')?.textContent).toContain('Cohorts');
    expect(el.textContent).toContain('The 1 advisors of 90 with the most reflections waiting');
  });

  it('tells the user what to do when nothing is assigned yet', () => {
    const fixture = render();
    api.expectOne((r) => r.url === '/api/dashboards/overview').flush(
      dashboard({ funnel: { assigned: 0, started: 0, submitted: 0, approved: 0, startedRate: null, submittedRate: null, approvedRate: null }, backlog: { waiting: 0, oldestWaitingSince: null, oldest: [] } }),
    );
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.textContent).toContain('No homework assigned yet');
    expect(el.querySelector('a[href="/cohorts"]')?.textContent).toContain("assign from a cohort's page");
  });

  it('shows an error with a way to try again', () => {
    const fixture = render();
    api.expectOne((r) => r.url === '/api/dashboards/overview').flush({ statusCode: 400, error: 'Bad Request', message: 'Invalid from' }, { status: 400, statusText: 'Bad Request' });
    fixture.detectChanges();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Invalid from');
    (alert?.querySelector('button') as HTMLButtonElement).click();
    api.expectOne((r) => r.url === '/api/dashboards/overview');
  });
});
