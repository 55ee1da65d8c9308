// Staff-side data access (cohorts, templates, assignments, reviews, roster import).
export * from './cohorts.service';
export * from './templates.service';
export * from './assignments.service';
export * from './reviews.service';
export * from './roster.service';
export * from './progress';
export * from './rubric';
export * from './dates';
export * from './template-rules';
export * from './flash.service';
export * from './gradebook.service';
