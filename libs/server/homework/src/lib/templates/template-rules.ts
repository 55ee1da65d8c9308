import { TEMPLATE_LIMITS, type FieldError, type TemplateInput } from '@fieldwork/contracts';

/** What field-by-field validation cannot see: unique keys, choice options, rubric levels. */
export function templateProblems(template: TemplateInput): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  template.prompts.forEach((prompt, index) => {
    if (seen.has(prompt.key)) problems.push({ field: `prompts[${index}].key`, problems: [`key "${prompt.key}" is used by another prompt`] });
    seen.add(prompt.key);
    const options = prompt.options ?? [];
    if (prompt.type === 'choice') {
      if (options.length < TEMPLATE_LIMITS.minOptions) {
        problems.push({ field: `prompts[${index}].options`, problems: [`a choice needs at least ${TEMPLATE_LIMITS.minOptions} options`] });
      }
      if (new Set(options).size !== options.length) problems.push({ field: `prompts[${index}].options`, problems: ['options must be different from each other'] });
    } else if (options.length) {
      problems.push({ field: `prompts[${index}].options`, problems: ['only a choice prompt has options'] });
    }
  });
  if (template.evidence.kind === 'none' && template.evidence.required) {
    problems.push({ field: 'evidence.required', problems: ['evidence cannot be required when its kind is none'] });
  }
  const criteria = new Set<string>();
  (template.rubric ?? []).forEach((criterion, index) => {
    if (criteria.has(criterion.key)) problems.push({ field: `rubric[${index}].key`, problems: [`key "${criterion.key}" is used by another criterion`] });
    criteria.add(criterion.key);
    const points = criterion.levels.map((level) => level.points);
    if (new Set(points).size !== points.length) problems.push({ field: `rubric[${index}].levels`, problems: ['each level needs different points'] });
  });
  return problems;
}
