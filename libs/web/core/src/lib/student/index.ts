// Student-side data access (tasks, network) and the reflection form's logic.
export * from './tasks.service';
export * from './contacts.service';
export * from './dates';
export * from './reflection';
export * from './draft-autosave';
export * from './task-view';
