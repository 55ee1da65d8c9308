// Student-side data access (tasks, network). Filled by the student screens work.
export {};
