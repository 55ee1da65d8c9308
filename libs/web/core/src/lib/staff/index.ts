// Staff-side data access (cohorts, templates, assignments, reviews, roster import).
export {};
