import "server-only";
import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";

export type OutgoingEmail = { to: string; subject: string; text: string };
export type SendEmail = (email: OutgoingEmail) => Promise<void>;

/** SMTP delivery when SMTP_URL is set (e.g. smtp://user:pass@mail.example.org:587); null otherwise. */
export function createSmtpSender(): SendEmail | null {
  const env = getEnv();
  if (!env.smtpUrl) return null;
  const transport = nodemailer.createTransport(env.smtpUrl);
  return async (email) => {
    await transport.sendMail({ from: env.smtpFrom, to: email.to, subject: email.subject, text: email.text });
  };
}
