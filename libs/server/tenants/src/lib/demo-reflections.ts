/**
 * What the demo cohort's students wrote: one set of answers per reflection, keyed by the
 * curriculum's prompt keys (libs/server/core/src/lib/database/seeds/curriculum.ts), in five
 * voices — Maya plans cities and writes a lot, Jordan codes and writes little, Priya teaches
 * and thinks in lists, Lena is practical about housing, Sofia transferred in from labor
 * economics and writes formally. Dates are local days (YYYY-MM-DD) given as days from today.
 */
export type DemoAnswers = Record<string, string | number | null>;

/** A local day, `offset` days from today in the career center's zone, as YYYY-MM-DD. */
export type LocalDayOf = (offset: number) => string;

export type DemoAssignmentKey = 'interview' | 'thanks' | 'share';

export interface DemoReflection {
  /** Answers as submitted (version 1), or the draft when nothing was submitted. */
  answers: (day: LocalDayOf) => DemoAnswers;
  /** A draft the student changed after the advisor asked for a revision (the task's draft). */
  revisedDraft?: (day: LocalDayOf) => DemoAnswers;
  /** Evidence link, for homework that asks for one. */
  evidence?: string;
}

export const DEMO_REFLECTIONS: Record<string, Partial<Record<DemoAssignmentKey, DemoReflection>>> = {
  maya: {
    interview: {
      answers: (day) => ({
        organization: 'City Planning Department',
        role: 'Senior planner, long-range planning',
        date: day(-26),
        channel: 'In person',
        learned_work:
          'Rosa spends maybe a third of her week on the comprehensive plan update and the rest in community meetings, zoning reviews and answering council members. ' +
          'She said the drawing-maps part I imagined is about five percent of the job; most of it is writing staff reports that a non-planner can read in ten minutes.',
        learned_culture:
          'Slower than I expected and very collaborative — nothing leaves the department without legal, transportation and housing weighing in. ' +
          'People stay a long time (Rosa has been there eleven years) and there is a lot of informal mentoring over lunch.',
        fit:
          'My GIS coursework and the bike-lane survey I ran last spring are directly useful; she said junior planners who can do their own mapping are rare. ' +
          'I would need to get much better at public speaking and at explaining trade-offs to residents who are angry about a project.',
        surprise: 'How much of the job is listening. She sat through a three-hour hearing last week and said that was a good day because people felt heard.',
        referrals: 'Tom Becker at the Open Streets Coalition (advocacy side), and the department’s summer internship coordinator.',
        next_steps: 'Apply to the summer planning internship by the March deadline, sit in on the next planning commission meeting, and ask Tom Becker for 20 minutes.',
        follow_up_date: day(-4),
        confidence: 4,
      }),
    },
    thanks: {
      answers: (day) => ({
        sent_on: day(-9),
        channel: 'Email',
        message:
          'Hi Tom — thank you for making time on Tuesday, and for explaining how the coalition decides which streets to pilot. ' +
          'I had never thought about the permit side of an open-streets day. I’m going to volunteer at the April event so I can see it from the inside. ' +
          'I hope we can stay in touch. — Maya',
      }),
    },
    share: {
      answers: () => ({
        what: 'The bus network redesign survey results, with the night-service comments tagged',
        why:
          'Alma said her team did not have time to read the 3,000 open-ended comments. I tagged the ones about night and weekend service by neighborhood, ' +
          'because that is the part of the redesign she is presenting to the board next month.',
        response: 'She has not answered yet; she is at a conference until Friday.',
      }),
      evidence: 'https://transit.example.org/network-redesign/survey-results',
    },
  },
  jordan: {
    interview: {
      answers: (day) => ({
        organization: 'Civic Data Lab',
        role: 'Data engineer',
        date: day(-20),
        channel: 'Video call',
        learned_work: 'Lots of cleaning messy city data (permits, 311 calls). Maybe 20% building new stuff. Pipelines break when a department changes a spreadsheet column.',
        learned_culture: 'Small team, 8 people, everyone does a bit of everything. Fridays are for side projects. Fully remote but they meet in person once a month.',
        fit: 'I know Python and SQL, that part is fine. I need to learn how government data is published and how to talk to non-technical people about it.',
        surprise: 'Kai said the hardest part is not code, it is getting a department to agree to share their data at all.',
        referrals: 'Grace Mensah at the County Health Office',
        next_steps: 'Go to their open data meetup next month. Fix one open issue on their GitHub.',
        follow_up_date: day(3),
        confidence: 3,
      }),
    },
    thanks: {
      answers: (day) => ({
        sent_on: day(-6),
        channel: 'LinkedIn message',
        message:
          'Hi Grace, thanks for talking with me after the health data panel. The part about matching clinic records across systems was really interesting. ' +
          'I’m going to try the county’s open dataset for a class project. Sorry this is a few days late!',
      }),
    },
  },
  priya: {
    interview: {
      answers: (day) => ({
        organization: 'Literacy Works',
        role: 'Director of programs',
        date: day(-25),
        channel: 'Phone',
        learned_work:
          '1) Most of her week is managing site coordinators at twelve schools. 2) Grant reporting takes about a day every week. ' +
          '3) She still tutors one student on Thursdays so she does not lose touch with the actual work.',
        learned_culture:
          'Mission first, money always tight. Decisions are made with teachers in the room. They publish their outcome data even when it is not flattering, which I respect.',
        fit:
          'I bring two years of tutoring and the program evaluation methods from my stats course. ' +
          'I would need to learn grant writing and how to manage volunteers who are older than me.',
        surprise: 'That the biggest predictor of a student’s progress in their program is whether the same tutor shows up every week — consistency beats curriculum.',
        referrals: 'Omar Haddad, assistant superintendent at Riverside School District',
        next_steps: 'Ask Omar for a conversation about the district side; read their last two annual reports; ask about the summer evaluation fellowship.',
        follow_up_date: day(-11),
        confidence: 5,
      }),
    },
    thanks: {
      answers: (day) => ({
        sent_on: day(-10),
        channel: 'Handwritten card',
        message: 'Thank you for meeting with me, Mr. Haddad. I really enjoyed our conversation and learned a lot about the district.',
      }),
      revisedDraft: (day) => ({
        sent_on: day(-10),
        channel: 'Handwritten card',
        message:
          'Dear Mr. Haddad — thank you for the forty minutes on Monday. Your point that districts judge tutoring partners on attendance data, not test scores, changed how I am designing my capstone: ' +
          'I will track session consistency first. I will send you the summary when it is done in May. With thanks, Priya Raman',
      }),
    },
    share: {
      answers: () => ({
        what: 'A research brief on high-dosage tutoring schedules',
        why:
          'Ines told me they are deciding between two and three sessions a week for next year. This brief compares both across four districts, ' +
          'and its cost table is close to their budget numbers.',
        response: 'She forwarded it to her site coordinators and asked if I could join their planning call next week.',
      }),
      evidence: 'https://research.example.org/briefs/high-dosage-tutoring-schedules',
    },
  },
  lena: {
    interview: {
      answers: (day) => ({
        organization: 'Department of Housing',
        role: 'Housing policy analyst',
        date: day(-23),
        channel: 'In person',
        learned_work: 'Analyzes rent data and drafts rules for the voucher program. Half her time goes to answering questions from landlords and council staff.',
        learned_culture: 'Formal. Everything is in writing and goes through two reviews. People are proud of the work but burnout is real around budget season.',
        fit: 'I have the Excel and policy-memo skills. I need to learn the federal voucher rules and get faster at writing short.',
        surprise: 'Entry-level analysts get real responsibility — Hannah wrote a rule change in her first year.',
        referrals: 'Marcus Bell at the Community Land Trust',
        next_steps: 'Apply for the fall analyst fellowship. Read the last consolidated plan.',
        follow_up_date: day(-9),
        confidence: 4,
      }),
    },
    thanks: {
      answers: (day) => ({
        sent_on: day(-8),
        channel: 'Email',
        message:
          'Marcus, thanks for the tour of the Elm Street homes yesterday. Seeing the resale formula on real houses made it click. ' +
          'I’m going to bring the land trust model into my housing policy paper. Lena',
      }),
    },
    share: {
      answers: () => ({
        what: 'The county’s new eviction filings dashboard',
        why: 'Hannah said they only get filing numbers once a quarter. This one updates weekly and',
        response: null,
      }),
      evidence: 'https://data.county.example.gov/housing/eviction-filings',
    },
  },
  sofia: {
    thanks: {
      answers: (day) => ({
        sent_on: day(-5),
        channel: 'Email',
        message:
          'Dear Mr. Kim, thank you for speaking with me about the Wage and Hour Division’s outreach work. ' +
          'Your description of how investigators choose which industries to prioritize was especially useful; I will apply for the summer honors internship you mentioned. ' +
          'I apologize for the delay in writing. Respectfully, Sofia Alvarez',
      }),
    },
  },
};

/** What the advisor wrote back, per student and assignment. */
export const DEMO_REVIEWS: Record<string, Partial<Record<DemoAssignmentKey, { comment: string; rubric?: Record<string, number> }>>> = {
  maya: {
    interview: {
      comment: 'Excellent preparation — asking about the staff reports was a great question. Go to that commission meeting and tell me what you noticed.',
      rubric: { preparation: 3, insight: 3, next_steps: 2 },
    },
    thanks: { comment: 'Short, specific, and you said what you will do. That is exactly the note people remember.' },
    share: { comment: 'Great idea and real help for her team. Add the link to your tagged spreadsheet, not only the survey page, and resubmit.' },
  },
  jordan: {
    interview: {
      comment: 'Good insight on the data-sharing problem. Next time write down a date for the meetup so it happens.',
      rubric: { preparation: 2, insight: 3, next_steps: 1 },
    },
  },
  priya: {
    interview: {
      comment: 'Thoughtful reflection, and the point about consistency is a real insider insight. Your next steps are concrete — well done.',
      rubric: { preparation: 3, insight: 3, next_steps: 2 },
    },
    thanks: { comment: 'Please make it specific: name one thing you learned from Mr. Haddad and one thing you will do because of it.' },
  },
  lena: {
    interview: {
      comment: 'Clear and practical. Ask Hannah which fellowship applicants stood out last year — that is the next conversation.',
      rubric: { preparation: 2, insight: 2, next_steps: 2 },
    },
    thanks: { comment: 'Great note — concrete and warm.' },
  },
  sofia: {
    thanks: { comment: 'Well written. A few days late, but the specifics make up for it — welcome to the cohort.' },
  },
};
