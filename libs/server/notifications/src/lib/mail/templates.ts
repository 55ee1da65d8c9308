import * as Handlebars from 'handlebars';

/** What every e-mail shows: the career center, a greeting, the message, a way into the app, and a way out. */
export interface EmailView {
  tenantName: string;
  recipientName: string;
  title: string;
  body: string;
  /** Absolute URL of the action button, if any. */
  actionUrl: string | null;
  actionLabel: string;
  /** The settings page where the recipient chooses what Fieldwork e-mails them (none for invitations). */
  preferencesUrl: string | null;
  /** Digest e-mails list their items. */
  items: { title: string; body: string; url: string | null }[];
}

/** Text with line breaks (an advisor's note) in HTML: escaped, each line break a <br>. */
const withLineBreaks = (value: unknown) =>
  new Handlebars.SafeString(Handlebars.escapeExpression(String(value ?? '')).replace(/\r?\n/g, '<br>'));

const html = Handlebars.compile<EmailView>(
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{title}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;padding:32px">
<tr><td style="font-size:13px;color:#52606d;padding-bottom:16px">{{tenantName}} · Fieldwork</td></tr>
<tr><td><h1 style="font-size:20px;line-height:1.3;margin:0 0 16px">{{title}}</h1>
<p style="font-size:15px;line-height:1.5;margin:0 0 16px">Hi {{recipientName}},</p>
<p style="font-size:15px;line-height:1.5;margin:0 0 24px">{{lines body}}</p>
{{#if items.length}}<ul style="padding-left:20px;margin:0 0 24px">{{#each items}}
<li style="font-size:15px;line-height:1.5;margin-bottom:12px">{{#if url}}<a href="{{url}}" style="color:#1d4ed8;font-weight:600">{{title}}</a>{{else}}<strong>{{title}}</strong>{{/if}}<br>{{lines body}}</li>{{/each}}
</ul>{{/if}}
{{#if actionUrl}}<p style="margin:0 0 24px"><a href="{{actionUrl}}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">{{actionLabel}}</a></p>{{/if}}
</td></tr>
<tr><td style="border-top:1px solid #e4e7eb;padding-top:16px;font-size:12px;line-height:1.5;color:#52606d">
{{#if preferencesUrl}}You get this e-mail from {{tenantName}}'s career center on Fieldwork. <a href="{{preferencesUrl}}" style="color:#52606d">Choose what we e-mail you, or turn it off</a>.
{{else}}If you were not expecting this invitation, you can ignore this e-mail.{{/if}}
</td></tr></table></td></tr></table></body></html>`,
  { strict: true },
);

const text = Handlebars.compile<EmailView>(
  `{{tenantName}} · Fieldwork

{{title}}

Hi {{recipientName}},

{{body}}
{{#each items}}
- {{title}}
  {{body}}{{#if url}}
  {{url}}{{/if}}
{{/each}}
{{#if actionUrl}}
{{actionLabel}}: {{actionUrl}}
{{/if}}
--
{{#if preferencesUrl}}Choose what Fieldwork e-mails you, or turn it off: {{preferencesUrl}}{{else}}If you were not expecting this invitation, you can ignore this e-mail.{{/if}}
`,
  { strict: true, noEscape: true },
);

export function renderEmail(view: EmailView): { html: string; text: string } {
  return { html: html(view, { helpers: { lines: withLineBreaks } }), text: text(view) };
}
