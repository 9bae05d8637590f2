/**
 * E-mail, SMS and voice: Twilio, SendGrid, Mailgun, Mailchimp, Brevo (Sendinblue), Postmark,
 * MessageBird, Vonage. A leaked key sends mail or SMS as the company (phishing, cost).
 */
import { ALNUM, BASE64URL, HEX, LOWER_ALNUM, sampleSecret as s } from "../sample-secret.js";
import { assignedTo } from "../secret-rule.js";
import { defineRule } from "./define-rule.js";

const uuid = (seed: string): string =>
  [s(HEX, 8, seed), s(HEX, 4, `${seed}b`), s(HEX, 4, `${seed}c`), s(HEX, 4, `${seed}d`), s(HEX, 12, `${seed}e`)].join("-");

export const MESSAGING_AND_EMAIL_RULES = [
  defineRule({
    id: "twilio-api-key",
    description: "Twilio API key SID (SK + 32 hex): with its secret, sends SMS and calls on the account.",
    keywords: ["sk"],
    regex: /\b(SK[0-9a-fA-F]{32})\b/,
    entropy: 3,
    truePositives: [`TWILIO_API_KEY=SK${s(HEX, 32, "twilio-1")}`],
    falsePositives: [`SK${s(HEX, 16, "twilio-2")}`, `ASK${s(HEX, 32, "twilio-3")}`], // short; inside a word
  }),
  defineRule({
    id: "twilio-auth-token",
    description: "Twilio auth token assigned to a Twilio-named variable: full account access.",
    severity: "critical",
    keywords: ["twilio"],
    regex: assignedTo("twilio", "[a-f0-9]{32}"),
    entropy: 3,
    truePositives: [`TWILIO_AUTH_TOKEN=${s(HEX, 32, "twilio-t-1")}`],
    falsePositives: [`twilio_phone = +15550100`],
  }),
  defineRule({
    id: "sendgrid-api-key",
    description: "SendGrid API key (SG.): sends e-mail as the account's verified senders.",
    keywords: ["sg."],
    regex: /\b(SG\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9_-]{43})(?![\w-])/,
    entropy: 2,
    truePositives: [`SENDGRID_API_KEY=SG.${s(BASE64URL, 22, "sg-1")}.${s(BASE64URL, 43, "sg-2")}`],
    falsePositives: [`SG.${s(ALNUM, 22, "sg-3")}`],
  }),
  defineRule({
    id: "mailgun-api-key",
    description: "Mailgun private API key (key-…) assigned to a Mailgun-named variable.",
    keywords: ["mailgun"],
    regex: assignedTo("mailgun", "key-[a-f0-9]{32}"),
    entropy: 3,
    truePositives: [`MAILGUN_API_KEY=key-${s(HEX, 32, "mg-1")}`],
    falsePositives: [`mailgun_domain = mg.custody.dev`],
  }),
  defineRule({
    id: "mailgun-signing-key",
    description: "Mailgun webhook signing key assigned to a Mailgun-named variable.",
    keywords: ["mailgun"],
    regex: assignedTo("mailgun", "[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"),
    entropy: 3,
    truePositives: [`MAILGUN_WEBHOOK_SIGNING_KEY=${s(HEX, 32, "mg-s-1")}-${s(HEX, 8, "mg-s-2")}-${s(HEX, 8, "mg-s-3")}`],
    falsePositives: [`mailgun_region = eu`],
  }),
  defineRule({
    id: "mailchimp-api-key",
    description: "Mailchimp API key (32 hex + -usN datacentre): reads audiences and sends campaigns.",
    keywords: ["mailchimp", "-us"],
    regex: /\b([a-f0-9]{32}-us[0-9]{1,2})\b/,
    entropy: 3,
    truePositives: [`MAILCHIMP_API_KEY=${s(HEX, 32, "mc-1")}-us21`],
    falsePositives: [`${s(HEX, 20, "mc-2")}-us21`, `${s(HEX, 32, "mc-3")}-user`],
  }),
  defineRule({
    id: "brevo-api-key",
    description: "Brevo (Sendinblue) API key (xkeysib-): sends e-mail and SMS.",
    keywords: ["xkeysib-"],
    regex: /\b(xkeysib-[a-f0-9]{64}-[a-z0-9]{16})\b/i,
    entropy: 3,
    truePositives: [`BREVO_API_KEY=xkeysib-${s(HEX, 64, "brevo-1")}-${s(LOWER_ALNUM, 16, "brevo-2")}`],
    falsePositives: [`xkeysib-${s(HEX, 20, "brevo-3")}`],
  }),
  defineRule({
    id: "postmark-server-token",
    description: "Postmark server API token (UUID) assigned to a Postmark-named variable.",
    keywords: ["postmark"],
    regex: assignedTo("postmark", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    truePositives: [`POSTMARK_SERVER_TOKEN=${uuid("postmark-1")}`],
    falsePositives: [`postmark_stream = outbound`],
  }),
  defineRule({
    id: "messagebird-api-key",
    description: "MessageBird (Bird) API key assigned to a MessageBird-named variable.",
    keywords: ["messagebird", "message-bird", "message_bird"],
    regex: assignedTo("message[_-]?bird", "[a-z0-9]{25}"),
    entropy: 3,
    truePositives: [`MESSAGEBIRD_API_KEY=${s(ALNUM, 25, "mb-1")}`],
    falsePositives: [`messagebird_originator = Custody`],
  }),
  defineRule({
    id: "vonage-api-secret",
    description: "Vonage (Nexmo) API secret assigned to a Vonage/Nexmo-named variable.",
    keywords: ["vonage", "nexmo"],
    regex: assignedTo(String.raw`(?:vonage|nexmo)[\w.-]{0,20}?secret`, "[A-Za-z0-9]{16}"),
    entropy: 3,
    truePositives: [`NEXMO_API_SECRET=${s(ALNUM, 16, "vonage-1")}`],
    falsePositives: [`vonage_api_secret = "${s(ALNUM, 8, "vonage-2")}"`],
  }),
] as const;
