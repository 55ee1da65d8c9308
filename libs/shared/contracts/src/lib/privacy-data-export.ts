/** "Download my data": a person's own copy of what Fieldwork holds about them, as a ZIP. */

export const DATA_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/** How long a finished ZIP can be downloaded. */
export const DATA_EXPORT_RETENTION_DAYS = 7;

/** The files of the ZIP, in the order they are written, with what each holds (the README says the same). */
export const DATA_EXPORT_FILES = [
  { name: 'README.txt', about: 'What each file is, in plain words.' },
  { name: 'profile.json', about: 'Your name, e-mail, role, student id, cohorts (with their dates) and notification preferences.' },
  {
    name: 'tasks.json',
    about:
      'Each piece of homework you were given: title, category, prompts, status, dates, extension, excused reason, and every version of your reflection with its answers, contact, evidence, late flag and review (comment, rubric scores, total).',
  },
  { name: 'contacts.json', about: 'The people in your network, with your notes about them.' },
  { name: 'interactions.json', about: 'Every interaction you logged (or your homework recorded) with your contacts.' },
  { name: 'tasks.csv', about: 'The same homework for spreadsheets: one row per version of a reflection (a task without one has a single row).' },
  { name: 'contacts.csv', about: 'Your contacts for spreadsheets.' },
  { name: 'interactions.csv', about: 'Your interactions for spreadsheets.' },
] as const;

export interface CreateDataExportResponse {
  id: string;
}

export interface DataExportSummary {
  id: string;
  status: DataExportStatus;
  /** 0–100; 100 once the ZIP is written. */
  percent: number;
  createdAt: string;
  /** When the download stops working (set once done). */
  expiresAt: string | null;
  /** Bytes of the ZIP, once done. */
  fileSize: number | null;
  /** What went wrong, in words, when failed. */
  error: string | null;
}

export interface DataExportList {
  items: DataExportSummary[];
}
