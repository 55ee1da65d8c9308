import type { ReflectionPrompt, RubricCriterion, TemplateInput } from '@fieldwork/contracts';

/**
 * The homework library every career center starts with, written from the
 * advisor's post "Why do networking?": five reasons to network, plus the care
 * and feeding of your network.
 */
const p = (key: string, label: string, type: ReflectionPrompt['type'], required: boolean, extra: Partial<ReflectionPrompt> = {}): ReflectionPrompt => ({
  key,
  label,
  type,
  required,
  ...extra,
});

const CHANNEL = p('channel', 'How did you talk?', 'choice', true, { options: ['In person', 'Video call', 'Phone', 'Email'] });

const CONVERSATION_RUBRIC: RubricCriterion[] = [
  {
    key: 'preparation',
    label: 'Preparation and questions',
    levels: [
      { label: 'Generic questions', points: 1 },
      { label: 'Some tailored questions', points: 2 },
      { label: 'Well-researched, specific questions', points: 3 },
    ],
  },
  {
    key: 'insight',
    label: 'What was learned about the work and the culture',
    levels: [
      { label: 'Surface facts only', points: 1 },
      { label: 'Some insight beyond the website', points: 2 },
      { label: 'Insider knowledge you could not read anywhere', points: 3 },
    ],
  },
  {
    key: 'next_steps',
    label: 'Next steps and follow-up',
    levels: [
      { label: 'None', points: 0 },
      { label: 'Vague', points: 1 },
      { label: 'Concrete, dated next steps', points: 2 },
    ],
  },
];

export const CURRICULUM: TemplateInput[] = [
  {
    title: 'Conduct an informational interview with someone in your chosen field',
    category: 'gather-information',
    instructions: [
      'Most of what you really need to know about a career — the culture, the behind-the-scenes news, the reality of the job — is never written down. The only way to learn it is to ask people.',
      '',
      '- Find someone who works in the field or organization you are curious about (alumni, LinkedIn, professors, friends of friends).',
      '- Ask for 20–30 minutes to learn about their work — not for a job.',
      '- Prepare five or six questions: what a typical week looks like, how they got there, what they wish they had known, where the field is going.',
      '- Take notes, thank them, and ask who else you should talk to.',
    ].join('\n'),
    prompts: [
      p('organization', 'Organization', 'short_text', true),
      p('role', 'Their role', 'short_text', true),
      p('date', 'Date of the conversation', 'date', true),
      CHANNEL,
      p('learned_work', 'What did you learn about the work itself?', 'long_text', true),
      p('learned_culture', 'What did you learn about the culture of the organization?', 'long_text', true),
      p('fit', 'How would you fit there? What would you bring, and what would you need to learn?', 'long_text', true),
      p('surprise', 'What surprised you?', 'long_text', true),
      p('referrals', 'Referrals or names you were given', 'long_text', false),
      p('next_steps', 'Your next steps', 'long_text', true),
      p('follow_up_date', 'When will you follow up with them?', 'date', true),
      p('confidence', 'How confident do you feel about this career path now? (1 = not at all, 5 = very)', 'scale', false),
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: CONVERSATION_RUBRIC,
    estimatedMinutes: 90,
  },
  {
    title: "Research an organization's culture and hiring trends by asking insiders",
    category: 'gather-information',
    instructions: [
      "An organization's website tells you what it wants you to know. Insiders tell you what it is like.",
      '',
      '- Pick one organization you might want to work for.',
      '- Talk to one or two people who work there now or did recently.',
      '- Ask how people get hired, what is changing, and what makes someone successful there.',
    ].join('\n'),
    prompts: [
      p('organization', 'Organization', 'short_text', true),
      p('people', 'Who did you talk to (roles, not necessarily names)?', 'short_text', true),
      p('hiring', 'What did you learn about how people get hired there?', 'long_text', true),
      p('trends', 'What is changing in the organization or the field?', 'long_text', true),
      p('fit', 'Would you want to work there? Why or why not?', 'long_text', true),
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 120,
  },
  {
    title: 'Send a thank-you note within 48 hours of a conversation',
    interactionKind: 'thank_you',
    category: 'known-quantity',
    instructions: [
      'Hiring decisions are scary; people recommend those they know and remember well. A prompt, specific thank-you note is how you become a known quantity.',
      '',
      '- Write within 48 hours of the conversation.',
      '- Mention one thing you learned and one thing you will do because of it.',
      '- Keep it short; e-mail or a handwritten card both work.',
    ].join('\n'),
    prompts: [
      p('sent_on', 'When did you send it?', 'date', true),
      p('channel', 'How did you send it?', 'choice', true, { options: ['Email', 'Handwritten card', 'LinkedIn message', 'Other'] }),
      p('message', 'Paste or summarize your note', 'long_text', true),
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 20,
  },
  {
    title: 'Ask a contact whether they would serve as a reference',
    interactionKind: 'follow_up',
    category: 'known-quantity',
    instructions: [
      'If you impressed someone, they may be willing to vouch for you — a raving fan who keeps an eye out for opportunities.',
      '',
      '- Choose someone who knows your work or has had a real conversation with you.',
      '- Ask politely and make it easy to say no.',
      '- If they agree, send them your resume and what you are applying for.',
    ].join('\n'),
    prompts: [
      p('asked_on', 'When did you ask?', 'date', true),
      p('answer', 'What did they say?', 'choice', true, { options: ['Yes', 'Not yet', 'No'] }),
      p('shared', 'What did you send them to prepare?', 'long_text', false),
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 30,
  },
  {
    title: "Ask an insider about the organization's unmet needs",
    interactionKind: 'informational_interview',
    category: 'way-in',
    instructions: [
      'Many jobs are never advertised, and some are created for a person who spotted a need. Getting to know an organization lets you find those needs.',
      '',
      '- In a conversation with someone inside, ask what problems keep their team busy and what they wish they had time for.',
      '- Think about how your skills could help: a project, contract work, or a role.',
    ].join('\n'),
    prompts: [
      p('organization', 'Organization', 'short_text', true),
      p('needs', 'What unmet needs did you hear about?', 'long_text', true),
      p('idea', 'How could you help with one of them?', 'long_text', true),
      CHANNEL,
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 60,
  },
  {
    title: 'Tailor a cover letter with what you learned, and ask for a referral',
    interactionKind: 'other',
    category: 'way-in',
    instructions: [
      'A candidate who applies with a referral, and whose letter speaks to the real needs of the organization, has a far better chance than a random applicant.',
      '',
      '- Use what an insider told you to rewrite your cover letter for one opening.',
      '- Ask your contact whether they would refer you or pass your name along.',
    ].join('\n'),
    prompts: [
      p('position', 'Position and organization', 'short_text', true),
      p('changes', 'What did you change in your letter because of the conversation?', 'long_text', true),
      p('referral', 'Did you ask for a referral? What happened?', 'long_text', true),
    ],
    contactRequired: true,
    evidence: { kind: 'url', required: false, label: 'Link to your cover letter (optional)' },
    rubric: null,
    estimatedMinutes: 90,
  },
  {
    title: 'Share an article or a research update with a contact',
    category: 'reciprocity',
    instructions: [
      'Networking is reciprocal: even as a student you have something to offer. Read something your contact would find useful? Share it. Doing a research project they care about? Send an update.',
    ].join('\n'),
    prompts: [
      p('what', 'What did you share?', 'short_text', true),
      p('why', 'Why did you think they would find it useful?', 'long_text', true),
      p('response', 'How did they respond?', 'long_text', false),
    ],
    contactRequired: true,
    evidence: { kind: 'url', required: true, label: 'Link to what you shared' },
    rubric: null,
    estimatedMinutes: 20,
  },
  {
    title: 'Introduce two people in your network to each other',
    interactionKind: 'introduction',
    category: 'reciprocity',
    instructions: [
      'You will meet people on your networking journey who can benefit from meeting your other contacts. Introduce them — it is one of the most generous things you can do.',
      '',
      '- Ask each person first whether they would like the introduction.',
      '- Write a short note saying why they should talk.',
    ].join('\n'),
    prompts: [
      p('other_person', 'Who did you introduce them to?', 'short_text', true),
      p('reason', 'Why should they meet?', 'long_text', true),
      p('introduced_on', 'When did you make the introduction?', 'date', true),
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 20,
  },
  {
    title: 'Join a professional community and attend or post once',
    category: 'community',
    instructions: [
      'The company you keep is part of your career identity. Get into the community of people in your chosen profession and you will learn to walk and talk like them.',
      '',
      '- Join one: LinkedIn groups, Idealist, Devex, Net Impact, GovLoop, or a local government organization.',
      '- Attend one event or post once (a question, an article, an introduction).',
    ].join('\n'),
    prompts: [
      p('community', 'Which community did you join?', 'choice', true, {
        options: ['LinkedIn', 'Idealist', 'Devex', 'Net Impact', 'GovLoop', 'A local government organization', 'Other'],
      }),
      p('activity', 'What did you attend or post?', 'long_text', true),
      p('people_met', 'Who did you meet or hear from?', 'long_text', false),
    ],
    contactRequired: false,
    evidence: { kind: 'url', required: false, label: 'Link to the event or your post' },
    rubric: null,
    estimatedMinutes: 60,
  },
  {
    title: 'Follow up with a contact you have not spoken to in a while',
    category: 'follow-up',
    instructions: [
      'A network needs care and feeding. Reach out to someone you have not spoken to in several weeks: tell them what you did with their advice, share news, or ask a new question.',
    ].join('\n'),
    prompts: [
      p('last_spoke', 'When did you last speak before this?', 'date', false),
      p('message', 'What did you tell or ask them?', 'long_text', true),
      p('next', 'When will you reach out next?', 'date', true),
    ],
    contactRequired: true,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 20,
  },
];
