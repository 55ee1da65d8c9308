import { auditActionLabel, auditDetailsText, fileSizeText, filenameOf, isExportActive, rowCountText } from './index';

describe('export and audit formatting', () => {
  it('sizes files in words', () => {
    expect(fileSizeText(null)).toBe('—');
    expect(fileSizeText(512)).toBe('512 B');
    expect(fileSizeText(2048)).toBe('2.0 KB');
    expect(fileSizeText(5 * 1024 * 1024 + 1)).toBe('5.0 MB');
    expect(fileSizeText(300 * 1024 * 1024)).toBe('300 MB');
  });

  it('counts rows as the export goes', () => {
    expect(rowCountText({ status: 'queued', doneRows: 0, totalRows: null })).toBe('—');
    expect(rowCountText({ status: 'running', doneRows: 1000, totalRows: 4000 })).toBe('1,000 rows of 4,000');
    expect(rowCountText({ status: 'done', doneRows: 1, totalRows: 1 })).toBe('1 row');
    expect(isExportActive({ status: 'running' })).toBe(true);
    expect(isExportActive({ status: 'failed' })).toBe(false);
  });

  it('reads the file name from Content-Disposition', () => {
    expect(filenameOf('attachment; filename="cohort-progress-2026-01-02.csv"')).toBe('cohort-progress-2026-01-02.csv');
    expect(filenameOf(null)).toBeNull();
  });

  it('names audit actions and details for people', () => {
    expect(auditActionLabel('export.downloaded')).toBe('Export downloaded');
    expect(auditActionLabel('something.new')).toBe('something.new');
    expect(auditDetailsText({ subjectType: 'export', details: { kind: 'cohort-progress', cohortId: null } })).toBe('Export: Cohort progress');
    expect(auditDetailsText({ subjectType: 'template', details: { title: 'Thank-you note', changed: ['estimatedMinutes', 'title'] } })).toBe(
      'Title: Thank-you note · Changed: estimated minutes, title',
    );
    expect(auditDetailsText({ subjectType: 'user', details: { cohortId: '0f1e2d3c-aaaa-bbbb-cccc-123456789012', taskCount: 3 } })).toBe('Cohort: 0f1e2d3c… · Tasks: 3');
  });
});
