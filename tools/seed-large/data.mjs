// Word lists for the large seed: people, organizations, sectors, and reflection
// answers written per template, so the seeded work reads like real homework.

export const FIRST_NAMES = [
  'Aaliyah', 'Adrian', 'Aisha', 'Alejandro', 'Amara', 'Andre', 'Ava', 'Benjamin', 'Bianca', 'Caleb', 'Camila', 'Chen', 'Chloe', 'Daniel',
  'Deja', 'Diego', 'Elena', 'Elijah', 'Emma', 'Ethan', 'Fatima', 'Gabriel', 'Grace', 'Hana', 'Hector', 'Imani', 'Isaac', 'Isabella',
  'Jamal', 'Jasmine', 'Javier', 'Jin', 'Jordan', 'Julia', 'Kai', 'Keisha', 'Leah', 'Liam', 'Lucas', 'Maya', 'Mateo', 'Mei', 'Mohammed',
  'Naomi', 'Nathan', 'Nia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Riley', 'Rosa', 'Samuel', 'Sofia', 'Tariq', 'Theo', 'Valentina',
  'Wei', 'Zoe',
];

export const LAST_NAMES = [
  'Abara', 'Alvarez', 'Anderson', 'Bailey', 'Banerjee', 'Brooks', 'Campbell', 'Castillo', 'Chen', 'Clark', 'Cohen', 'Diaz', 'Edwards',
  'Evans', 'Fischer', 'Flores', 'Foster', 'Garcia', 'Gomez', 'Gupta', 'Hall', 'Hernandez', 'Hughes', 'Ibrahim', 'Jackson', 'Johnson',
  'Kim', 'Kowalski', 'Lee', 'Lopez', 'Martin', 'Mendoza', 'Miller', 'Mitchell', 'Moore', 'Morales', 'Nakamura', 'Nguyen', 'Okafor',
  'Ortiz', 'Patel', 'Perez', 'Phillips', 'Ramirez', 'Reyes', 'Rivera', 'Robinson', 'Rossi', 'Sanchez', 'Schmidt', 'Shah', 'Singh',
  'Smith', 'Sullivan', 'Taylor', 'Thompson', 'Torres', 'Walker', 'Williams', 'Yamamoto',
];

/** Sectors, each with organizations (name, domain) and typical roles. */
export const SECTORS = [
  {
    sector: 'Technology',
    organizations: [['Brightline Software', 'brightline.example'], ['Northwind Cloud', 'northwind.example'], ['Pixel Harbor', 'pixelharbor.example']],
    roles: ['Software Engineer', 'Product Manager', 'UX Researcher', 'Engineering Manager'],
  },
  {
    sector: 'Healthcare',
    organizations: [['Mercy General Hospital', 'mercygeneral.example'], ['Lakeside Health Partners', 'lakesidehealth.example'], ['CareBridge Clinics', 'carebridge.example']],
    roles: ['Nurse Manager', 'Health Data Analyst', 'Physician Assistant', 'Hospital Administrator'],
  },
  {
    sector: 'Finance',
    organizations: [['Granite Capital', 'granitecapital.example'], ['First Harbor Bank', 'firstharbor.example'], ['Summit Advisory', 'summitadvisory.example']],
    roles: ['Financial Analyst', 'Credit Risk Associate', 'Wealth Advisor', 'Controller'],
  },
  {
    sector: 'Public Service',
    organizations: [['City of Riverton', 'riverton.example'], ['State Department of Transportation', 'dot.state.example'], ['County Public Defender', 'publicdefender.example']],
    roles: ['Policy Analyst', 'Program Manager', 'Budget Officer', 'Public Information Officer'],
  },
  {
    sector: 'Education',
    organizations: [['Riverton Unified School District', 'rusd.example'], ['Oakridge Community College', 'oakridge.example'], ['Learning Forward Institute', 'learningforward.example']],
    roles: ['Instructional Designer', 'School Counselor', 'Curriculum Director', 'Admissions Officer'],
  },
  {
    sector: 'Nonprofit',
    organizations: [['Open Table Food Bank', 'opentable-foodbank.example'], ['Green Futures Alliance', 'greenfutures.example'], ['Youth Mentoring Network', 'ymn.example']],
    roles: ['Development Director', 'Volunteer Coordinator', 'Program Officer', 'Grants Manager'],
  },
  {
    sector: 'Consulting',
    organizations: [['Meridian Consulting Group', 'meridian.example'], ['Clearpath Strategy', 'clearpath.example'], ['Bluestone Partners', 'bluestone.example']],
    roles: ['Associate Consultant', 'Engagement Manager', 'Senior Analyst', 'Principal'],
  },
  {
    sector: 'Media',
    organizations: [['Riverton Public Radio', 'rpr.example'], ['Headline Digital', 'headline.example'], ['Lantern Press', 'lanternpress.example']],
    roles: ['Producer', 'Editor', 'Audience Engagement Lead', 'Reporter'],
  },
  {
    sector: 'Engineering',
    organizations: [['Atlas Structural', 'atlasstructural.example'], ['Current Energy Systems', 'currentenergy.example'], ['Keystone Civil', 'keystonecivil.example']],
    roles: ['Civil Engineer', 'Project Engineer', 'Design Lead', 'Field Engineer'],
  },
  {
    sector: 'Marketing',
    organizations: [['Bold Orbit Agency', 'boldorbit.example'], ['Maple & Finch', 'maplefinch.example'], ['Signal Brands', 'signalbrands.example']],
    roles: ['Brand Strategist', 'Content Marketing Manager', 'Account Executive', 'Marketing Analyst'],
  },
  {
    sector: 'Law',
    organizations: [['Hale & Ortega LLP', 'haleortega.example'], ['Legal Aid of Riverton', 'legalaid.example'], ['Whitfield Law Group', 'whitfield.example']],
    roles: ['Associate Attorney', 'Paralegal', 'Staff Attorney', 'Legal Operations Manager'],
  },
  {
    sector: 'Environment',
    organizations: [['Watershed Conservancy', 'watershed.example'], ['Sunfield Renewables', 'sunfield.example'], ['EcoMetrics Lab', 'ecometrics.example']],
    roles: ['Environmental Scientist', 'Sustainability Analyst', 'Field Ecologist', 'Project Developer'],
  },
];

export const HOW_MET = [
  'Alumni directory',
  'LinkedIn',
  'Career fair',
  'Introduced by a professor',
  'Introduced by a classmate',
  'Family friend',
  'Professional association meeting',
  'Informational interview referral',
  'Internship',
  'Conference',
];

export const PROGRAMS = [
  'Business & Finance',
  'Public Service Careers',
  'Health Professions',
  'Engineering & Technology',
  'Education & Counseling',
  'Arts, Media & Communication',
  'Law & Policy',
  'Environment & Sustainability',
  'Nonprofit Leadership',
  'Data & Analytics',
];

export const EXCUSE_REASONS = [
  'Medical leave for two weeks',
  'Family emergency',
  'Already completed an equivalent activity in an internship',
  'Joined the cohort after this assignment was due',
  'Accommodation agreed with the advisor',
];

export const REVISE_COMMENTS = [
  'Good start. Please add what you learned about the culture, not only the job description.',
  'Tell me more about your next steps: who will you contact, and when?',
  'The reflection is thin in places. What surprised you, and how does it change your plan?',
  'Please link the contact you talked to and add a concrete follow-up date.',
];

export const APPROVE_COMMENTS = ['Great work — thoughtful and specific.', 'Nice follow-through. Keep the momentum going.', 'Well done.', null, null];

const SENTENCES = [
  'They described a typical week as half project work and half meetings with partners, which was more collaborative than I expected.',
  'The biggest surprise was how much of the hiring happens through referrals before a position is ever posted.',
  'I learned that the team values people who can explain technical work to non-specialists.',
  'They recommended two people I should talk to next and offered to introduce me by email.',
  'Culture seems supportive but fast-paced; people stay because they believe in the mission.',
  'I would bring strong research and writing skills, and I need to learn more about budgeting and project management.',
  'They said the field is changing quickly because of new regulations and more use of data.',
  'I am going to send a thank-you note tomorrow and follow up in a month with an article they would like.',
  'My confidence grew: the path is less linear than I thought, and there are several ways in.',
  'We talked about what they wish they had known as a student: take internships early and keep in touch with people.',
];

const CHOICE_INDEX = 1;

/**
 * Reflection answers for each template (in CURRICULUM order): `variants` are
 * complete answers to every prompt; `partial` is a half-finished draft. Dates
 * and the organization are placeholders the SQL fills in per task:
 * __PAST__ (a couple of days before submitting), __NEXT__ (two weeks after),
 * __EARLIER__ (weeks before), __ORG__ (the linked contact's organization).
 */
export function answerBank(curriculum, variantCount = 4) {
  return curriculum.map((template, t) => {
    const variants = [];
    for (let v = 0; v < variantCount; v++) variants.push(JSON.stringify(answersFor(template.prompts, t * 7 + v * 3, false)));
    return { variants, partial: JSON.stringify(answersFor(template.prompts, t * 7, true)) };
  });
}

function answersFor(prompts, seed, partial) {
  const answers = {};
  const chosen = partial ? prompts.slice(0, Math.max(1, Math.ceil(prompts.length / 2))) : prompts;
  chosen.forEach((prompt, i) => {
    const n = seed + i;
    switch (prompt.type) {
      case 'short_text':
        answers[prompt.key] = /organization|position/.test(prompt.key)
          ? '__ORG__'
          : ['Two alumni and a team lead', 'A former classmate now at a startup', 'Hiring manager', 'Program director'][n % 4];
        break;
      case 'long_text':
        answers[prompt.key] = `${SENTENCES[n % SENTENCES.length]} ${SENTENCES[(n + 3) % SENTENCES.length]}`;
        break;
      case 'date':
        answers[prompt.key] = /follow_up|next/.test(prompt.key) ? '__NEXT__' : /last_spoke/.test(prompt.key) ? '__EARLIER__' : '__PAST__';
        break;
      case 'choice':
        answers[prompt.key] = prompt.options[(n + CHOICE_INDEX) % prompt.options.length];
        break;
      case 'url':
        answers[prompt.key] = `https://www.linkedin.com/posts/fieldwork-${n}`;
        break;
      case 'scale':
        answers[prompt.key] = 3 + (n % 3);
        break;
    }
  });
  return answers;
}
